package nl.clanq.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Renders every error the container sees (unknown URL, denied, failure) inside the page frame in
 * the user's language, and never shows a stack trace. A 500 shows the request id that is also in
 * the log line of the failure.
 */
@Controller
class ErrorPageController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

    private final UiAdvice uiAdvice;

    ErrorPageController(UiAdvice uiAdvice) {
        this.uiAdvice = uiAdvice;
    }

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = statusOf(request);
        String requestId = RequestIdFilter.idOf(request);
        if (status >= 500) {
            Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            MDC.put(RequestIdFilter.MDC_KEY, requestId);
            try {
                log.error(
                        "Request {} {} failed with {}",
                        request.getMethod(),
                        request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                        status,
                        failure);
            } finally {
                MDC.remove(RequestIdFilter.MDC_KEY);
            }
        }
        response.setStatus(status);
        model.addAttribute("ui", uiAdvice.build(request));
        Object retry = request.getAttribute(ErrorView.RETRY_MINUTES);
        model.addAttribute("error", ErrorView.of(status, requestId, retry instanceof Long l ? l : 0));
        return "shared/error";
    }

    static int statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer i && HttpStatus.resolve(i) != null) {
            return i;
        }
        // Asked for directly, not through a failure: there is nothing here.
        return 404;
    }
}
