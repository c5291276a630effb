package nl.clanq.shared.web;

import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import gg.jte.springframework.boot.autoconfigure.JteProperties;
import gg.jte.springframework.boot.autoconfigure.JteView;
import gg.jte.springframework.boot.autoconfigure.JteViewResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.AbstractUrlBasedView;
import org.springframework.web.servlet.view.ContentNegotiatingViewResolver;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.servlet.view.UrlBasedViewResolver;

/**
 * Pages are rendered into a byte buffer first and written to the response in one piece. jte's own
 * view writes each fragment through the response writer, and so through every wrapper around the
 * response (Spring Security's, Spring Session's, Tomcat's character encoder), and a page larger
 * than the response buffer is committed half-way, which makes Spring Session save and then read
 * the session again at the end of the request. Rendered whole, a page is encoded once, goes out
 * with its length, and an exception while rendering still leads to the error page instead of a
 * half-sent one. Measured in issue #10 (docs/bench/findings.md).
 *
 * <p>Redirects, the answer to nearly every form, skip the view resolvers altogether.
 */
@Configuration(proxyBeanMethods = false)
class PageViews {

    /** Pages up to this size are held whole, so the response is committed once, after the filters. */
    static final int MAX_BUFFERED_PAGE = 256 * 1024;

    /**
     * Spring Boot's content-negotiating resolver, except that a {@code redirect:} view name is
     * answered at once. Boot's resolver asks every resolver for every view name and each caches
     * the view by name; a redirect's name is its address ({@code redirect:/topics/42?page=3#post-9}),
     * so each one missed the caches, built a view per resolver and pushed a page's view out of them:
     * 5 % of the CPU of posting a reply (issue #10). The view is the one {@code UrlBasedViewResolver}
     * builds: relative to the context path, with a 302.
     */
    @Bean(name = "viewResolver")
    ContentNegotiatingViewResolver viewResolver(BeanFactory beanFactory) {
        ContentNegotiatingViewResolver resolver = new ContentNegotiatingViewResolver() {
            @Override
            public View resolveViewName(String viewName, Locale locale) throws Exception {
                if (viewName.startsWith(UrlBasedViewResolver.REDIRECT_URL_PREFIX)) {
                    RedirectView redirect = new RedirectView(
                            viewName.substring(UrlBasedViewResolver.REDIRECT_URL_PREFIX.length()), true, true);
                    redirect.setApplicationContext(obtainApplicationContext());
                    return redirect;
                }
                return super.resolveViewName(viewName, locale);
            }
        };
        resolver.setContentNegotiationManager(beanFactory.getBean(ContentNegotiationManager.class));
        resolver.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return resolver;
    }

    @Bean
    JteViewResolver jteViewResolver(TemplateEngine templateEngine, JteProperties properties) {
        return new JteViewResolver(templateEngine, properties) {
            @Override
            protected AbstractUrlBasedView instantiateView() {
                return new BufferedView(templateEngine);
            }
        };
    }

    static final class BufferedView extends JteView {

        private final TemplateEngine templateEngine;

        BufferedView(TemplateEngine templateEngine) {
            super(templateEngine);
            this.templateEngine = templateEngine;
        }

        @Override
        protected void renderMergedTemplateModel(
                Map<String, Object> model, HttpServletRequest request, HttpServletResponse response) throws Exception {
            Utf8ByteOutput output = new Utf8ByteOutput();
            templateEngine.render(getUrl(), model, output);
            response.setContentType("text/html;charset=UTF-8");
            int length = output.getContentLength();
            if (length < MAX_BUFFERED_PAGE && !response.isCommitted() && response.getBufferSize() <= length) {
                // Room for the whole page: nothing is sent (and the session not committed) before the filters finish.
                response.setBufferSize(length + 1);
            }
            // One write: the output holds hundreds of template pieces, and every write passes each wrapper's checks.
            response.getOutputStream().write(output.toByteArray());
        }
    }
}
