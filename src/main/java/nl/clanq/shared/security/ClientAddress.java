package nl.clanq.shared.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * S4: the client's address. {@code X-Forwarded-For} counts only when the direct peer is one of the
 * configured trusted proxies; then the right-most address that is not itself a trusted proxy is the
 * client. Everyone else's header is ignored. The request is wrapped so that
 * {@code getRemoteAddr()} answers that address everywhere (throttles, audit, allow lists).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ClientAddress extends OncePerRequestFilter {

    private final List<IpAddressMatcher> trusted;

    ClientAddress(ClanqSecurityProperties properties) {
        this.trusted =
                properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
        if (client.equals(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRemoteAddr() {
                        return client;
                    }

                    @Override
                    public String getRemoteHost() {
                        return client;
                    }
                },
                response);
    }

    /** The client address for a direct peer and its forwarded-for header. */
    String resolve(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty() || !looksLikeAddress(hop)) {
                return peer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        try {
            return trusted.stream().anyMatch(m -> m.matches(address));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean looksLikeAddress(String s) {
        return s.matches("^[0-9a-fA-F:.]+$");
    }
}
