package nl.clanq.accounts.web;

import nl.clanq.shared.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Explains why a person with the right password cannot use Clanq now (S4, S10). */
@Controller
public class RefusedController {

    public record RefusedView(String reason) {}

    @GetMapping("/login/refused/{reason}")
    String refused(@PathVariable String reason, Model model) {
        if (!reason.equals("locked") && !reason.equals("network")) {
            throw new NotFoundException();
        }
        model.addAttribute("view", new RefusedView(reason));
        return "accounts/refused";
    }
}
