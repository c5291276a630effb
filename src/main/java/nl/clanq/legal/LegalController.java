package nl.clanq.legal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Public pages with the terms of use and the privacy statement (C11: readable before registering). */
@Controller
class LegalController {

    @GetMapping("/terms")
    String terms() {
        return "legal/terms";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "legal/privacy";
    }
}
