package nl.clanq.notifications.web;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.notifications.NoticeKind;
import nl.clanq.notifications.NoticeKind.Delivery;
import nl.clanq.notifications.NoticeMailProperties;
import nl.clanq.notifications.NoticePreferences;
import nl.clanq.notifications.NoticePreferences.Digest;
import nl.clanq.notifications.NoticePreferences.Settings;
import nl.clanq.shared.web.FormErrors;
import nl.clanq.shared.web.UiAdvice;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A member's (or staff member's) choices for notices: mail per kind, the digest, automatic watching. */
@Controller
public class NoticePreferencesController {

    private final NoticePreferences preferences;
    private final NoticeMailProperties properties;

    NoticePreferencesController(NoticePreferences preferences, NoticeMailProperties properties) {
        this.preferences = preferences;
        this.properties = properties;
    }

    /** One kind's row: what is chosen, as typed ("" when nothing valid was). */
    public record KindChoice(NoticeKind kind, String chosen) {

        public String field() {
            return "delivery-" + kind.name();
        }

        public boolean is(Delivery delivery) {
            return delivery.name().equals(chosen);
        }
    }

    public record PreferencesView(
            List<KindChoice> kinds,
            String digest,
            boolean autoWatchStarted,
            boolean autoTrackReplied,
            int mailsPerHour,
            FormErrors errors) {

        public List<Delivery> deliveries() {
            return List.of(Delivery.values());
        }

        public List<Digest> digests() {
            return List.of(Digest.values());
        }
    }

    @GetMapping("/profile/notifications")
    String form(@AuthenticationPrincipal ClanqPrincipal principal, Model model) {
        Settings settings = preferences.of(principal.id());
        List<KindChoice> kinds = NoticePreferences.mailableKinds().stream()
                .map(k -> new KindChoice(k, settings.delivery(k).name()))
                .toList();
        model.addAttribute(
                "view",
                new PreferencesView(
                        kinds,
                        settings.digest().name(),
                        settings.autoWatchStarted(),
                        settings.autoTrackReplied(),
                        properties.mailsPerHour(),
                        FormErrors.none()));
        return "notifications/preferences";
    }

    @PostMapping("/profile/notifications")
    @Transactional
    String save(
            @AuthenticationPrincipal ClanqPrincipal principal,
            @RequestParam Map<String, String> form,
            @RequestParam(defaultValue = "false") boolean autoWatchStarted,
            @RequestParam(defaultValue = "false") boolean autoTrackReplied,
            RedirectAttributes redirect,
            Model model) {
        FormErrors errors = FormErrors.none();
        Map<NoticeKind, Delivery> deliveries = new EnumMap<>(NoticeKind.class);
        for (NoticeKind kind : NoticePreferences.mailableKinds()) {
            Optional<Delivery> delivery = parse(Delivery.values(), form.get("delivery-" + kind.name()));
            delivery.ifPresent(d -> deliveries.put(kind, d));
            errors.check(delivery.isEmpty(), "delivery-" + kind.name(), "noticemail.preferences.choose");
        }
        String typedDigest = form.getOrDefault("digest", "");
        Optional<Digest> digest = parse(Digest.values(), typedDigest);
        errors.check(digest.isEmpty(), "digest", "noticemail.preferences.choose");
        if (errors.any()) {
            List<KindChoice> kinds = NoticePreferences.mailableKinds().stream()
                    .map(k -> new KindChoice(
                            k, deliveries.containsKey(k) ? deliveries.get(k).name() : ""))
                    .toList();
            model.addAttribute(
                    "view",
                    new PreferencesView(
                            kinds,
                            digest.map(Enum::name).orElse(""),
                            autoWatchStarted,
                            autoTrackReplied,
                            properties.mailsPerHour(),
                            errors));
            return "notifications/preferences";
        }
        preferences.save(
                principal.id(), new Settings(deliveries, digest.orElseThrow(), autoWatchStarted, autoTrackReplied));
        redirect.addFlashAttribute(UiAdvice.FLASH, "noticemail.preferences.saved");
        return "redirect:/profile/notifications";
    }

    private static <E extends Enum<E>> Optional<E> parse(E[] values, String typed) {
        return Arrays.stream(values).filter(v -> v.name().equals(typed)).findFirst();
    }
}
