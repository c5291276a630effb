package nl.clanq.accounts;

import java.util.List;

/** The profile fields a member edits themselves (C8). */
public record Profile(
        String firstName,
        String lastName,
        String jobTitle,
        String city,
        String phone,
        boolean phoneHidden,
        String bio,
        List<String> specialisms) {}
