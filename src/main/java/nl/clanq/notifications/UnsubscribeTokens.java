package nl.clanq.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.shared.crypto.SecretCipher;
import org.springframework.stereotype.Component;

/**
 * The signed tokens of one-click unsubscribe links ({@code /unsubscribe/{token}}), which work
 * without a login. A token reads {@code <user id>.<KIND>[.<KIND>…].<tag>} or {@code <user
 * id>.DIGEST.<tag>}: what it unsubscribes is in plain sight, and the HMAC-SHA256 tag (with a key
 * derived from the encryption keys, see {@link SecretCipher#sign}) makes any change to it, or a
 * made-up token, worthless. Tokens do not expire: a link in an old mail must keep working.
 */
@Component
public class UnsubscribeTokens {

    static final String PURPOSE = "unsubscribe";
    private static final String DIGEST = "DIGEST";
    private static final Pattern TOKEN =
            Pattern.compile("([1-9][0-9]{0,17})((?:\\.[A-Z][A-Z_]{0,39}){1,16})\\.([A-Za-z0-9_-]{43})");

    private final SecretCipher cipher;

    UnsubscribeTokens(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String issue(Unsubscription unsubscription) {
        String payload = payload(unsubscription);
        return payload + "." + cipher.sign(PURPOSE, payload);
    }

    /** What {@code token} unsubscribes, or empty when it is malformed, altered or made up. */
    public Optional<Unsubscription> read(String token) {
        Matcher m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        String payload = m.group(1) + m.group(2);
        if (!cipher.verify(PURPOSE, payload, m.group(3))) {
            return Optional.empty();
        }
        long userId = Long.parseLong(m.group(1));
        String[] names = m.group(2).substring(1).split("\\.");
        if (names.length == 1 && names[0].equals(DIGEST)) {
            return Optional.of(Unsubscription.ofDigest(userId));
        }
        List<NoticeKind> kinds = new ArrayList<>();
        for (String name : names) {
            Optional<NoticeKind> kind = NoticePreferences.kind(name);
            if (kind.isEmpty() || kind.get() == NoticeKind.MENTION_UNREACHABLE) {
                return Optional.empty();
            }
            kinds.add(kind.get());
        }
        return Optional.of(Unsubscription.ofKinds(userId, kinds));
    }

    private static String payload(Unsubscription unsubscription) {
        StringBuilder payload = new StringBuilder().append(unsubscription.userId());
        if (unsubscription.digest()) {
            payload.append('.').append(DIGEST);
        }
        // EnumSet order: the same kinds always give the same token.
        unsubscription.kinds().forEach(kind -> payload.append('.').append(kind.name()));
        return payload.toString();
    }
}
