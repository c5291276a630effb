package nl.clanq.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/** Implemented by the accounts module to tell the page frame who is signed in. */
public interface CurrentUserResolver {

    /** The signed-in person, or {@code null} when this resolver does not know them. */
    CurrentUser resolve(HttpServletRequest request);
}
