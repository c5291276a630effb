package nl.clanq.shared.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The public landing page that explains Clanq to a visitor; it shows nothing about members. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "shared/home";
    }
}
