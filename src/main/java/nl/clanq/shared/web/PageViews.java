package nl.clanq.shared.web;

import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import gg.jte.springframework.boot.autoconfigure.JteProperties;
import gg.jte.springframework.boot.autoconfigure.JteView;
import gg.jte.springframework.boot.autoconfigure.JteViewResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.view.AbstractUrlBasedView;

/**
 * Pages are rendered into a byte buffer first and written to the response in one piece. jte's own
 * view writes each fragment through the response writer, and so through every wrapper around the
 * response (Spring Security's, Spring Session's, Tomcat's character encoder), and a page larger
 * than the response buffer is committed half-way, which makes Spring Session save and then read
 * the session again at the end of the request. Rendered whole, a page is encoded once, goes out
 * with its length, and an exception while rendering still leads to the error page instead of a
 * half-sent one. Measured in issue #10 (docs/bench/findings.md).
 */
@Configuration(proxyBeanMethods = false)
class PageViews {

    /** Pages up to this size are held whole, so the response is committed once, after the filters. */
    static final int MAX_BUFFERED_PAGE = 256 * 1024;

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
