package nl.clanq.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Language handling: Dutch by default, English on request, remembered in a cookie for a year. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    static final Locale DUTCH = Locale.of("nl");
    static final String LANGUAGE_COOKIE = "clanq_lang";

    @Bean
    LocaleResolver localeResolver(nl.clanq.shared.security.ClanqSecurityProperties security) {
        CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
        resolver.setDefaultLocale(DUTCH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setRejectInvalidCookies(true);
        resolver.setCookieSecure(security.https());
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch());
    }

    /**
     * {@code ?lang=nl} or {@code ?lang=en} on any page switches the language; other values are
     * ignored so that a crafted link cannot reset or break the user's choice.
     */
    static final class LanguageSwitch implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            String lang = request.getParameter("lang");
            Locale chosen = lang == null
                    ? null
                    : switch (lang) {
                        case "nl" -> DUTCH;
                        case "en" -> Locale.ENGLISH;
                        default -> null;
                    };
            if (chosen != null) {
                RequestContextUtils.getLocaleResolver(request).setLocale(request, response, chosen);
            }
            return true;
        }
    }
}
