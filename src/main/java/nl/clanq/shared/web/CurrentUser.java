package nl.clanq.shared.web;

/** The signed-in person as the page frame shows them; {@code null} for visitors. */
public record CurrentUser(String displayName, boolean staff, boolean owner, boolean administrator) {}
