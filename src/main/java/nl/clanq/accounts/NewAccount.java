package nl.clanq.accounts;

/** What it takes to create an account; the password is checked against the policy first. */
public record NewAccount(
        String email,
        String firstName,
        String lastName,
        String jobTitle,
        String phone,
        String locale,
        String password) {}
