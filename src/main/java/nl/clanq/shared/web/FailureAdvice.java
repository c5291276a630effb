package nl.clanq.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.clanq.shared.throttle.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Unexpected failures in controllers: logged once with the request id, answered with the 500 page.
 * Expected outcomes (not found, bad input) never reach this class.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FailureAdvice {

    private static final Logger log = LoggerFactory.getLogger(FailureAdvice.class);

    private final UiAdvice uiAdvice;

    FailureAdvice(UiAdvice uiAdvice) {
        this.uiAdvice = uiAdvice;
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        return render(404, request, response, model);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    String tooMany(TooManyRequestsException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setHeader(
                "Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        response.setStatus(429);
        model.addAttribute("ui", uiAdvice.build(request));
        model.addAttribute("error", ErrorView.of(429, RequestIdFilter.idOf(request), e.retryAfterMinutes()));
        return "shared/error";
    }

    /** A path variable of the wrong type names nothing that exists. */
    /**
     * The browser went away (a live stream closed with its page): nothing to answer and nothing
     * wrong, so no error in the log.
     */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    void clientGone(HttpServletRequest request) {
        log.debug("Client disconnected during {} {}", request.getMethod(), request.getRequestURI());
    }

    @ExceptionHandler(TypeMismatchException.class)
    String typeMismatch(HttpServletRequest request, HttpServletResponse response, Model model) {
        return render(404, request, response, model);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    String unreadable(HttpServletRequest request, HttpServletResponse response, Model model) {
        return render(400, request, response, model);
    }

    @ExceptionHandler(Exception.class)
    String failure(Exception e, HttpServletRequest request, HttpServletResponse response, Model model)
            throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e; // Spring Security's filters decide: login page, or the 404 of a denied item.
        }
        if (e instanceof ErrorResponse known) {
            // Spring's own request errors (unknown resource, wrong method, missing parameter, …).
            known.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
            return render(known.getStatusCode().value(), request, response, model);
        }
        log.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return render(500, request, response, model);
    }

    private String render(int status, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("ui", uiAdvice.build(request));
        model.addAttribute("error", ErrorView.of(status, RequestIdFilter.idOf(request)));
        return "shared/error";
    }
}
