package nl.clanq.forums.web;

import java.util.List;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.forums.ForumAccess;
import nl.clanq.forums.Reader;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A {@link Reader} parameter of a handler: the signed-in person and what they may read now. It is
 * resolved before the handler's transaction begins, so a handler that writes (the topic page writes
 * the read mark) still takes the person's licences from the reading the request's checks already
 * made instead of asking the database again.
 */
@Configuration(proxyBeanMethods = false)
class ReaderArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final ForumAccess access;

    ReaderArguments(ForumAccess access) {
        this.access = access;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Reader.class;
    }

    @Override
    public Reader resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof ClanqPrincipal principal)) {
            throw new AccessDeniedException("A reader must be signed in");
        }
        return access.reader(principal.id(), principal.isStaff());
    }
}
