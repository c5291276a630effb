package nl.clanq.accounts;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@Entity
@Table(name = "app_user")
class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String email;
    private String passwordHash;
    private String firstName;
    private String lastName;
    private String jobTitle = "";
    private String phone = "";
    private boolean phoneHidden;
    private String city = "";
    private String bio = "";
    private String locale = "nl";
    private boolean emailVerified;
    private String staffRole;
    private String status = "ACTIVE";
    private Instant createdAt = Instant.now();
    private Instant passwordChangedAt;
    private boolean messageMail = true;

    @ElementCollection
    @CollectionTable(name = "user_specialism", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "name")
    private Set<String> specialisms = new LinkedHashSet<>();

    protected User() {}

    User(String email, String firstName, String lastName, String jobTitle, String phone, String locale) {
        this.email = email;
        this.firstName = firstName;
        this.lastName = lastName;
        this.jobTitle = jobTitle == null ? "" : jobTitle;
        this.phone = phone == null ? "" : phone;
        this.locale = locale;
    }

    Long id() {
        return id;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean isActive() {
        return "ACTIVE".equals(status);
    }

    boolean emailVerified() {
        return emailVerified;
    }

    String staffRole() {
        return staffRole;
    }

    String locale() {
        return locale;
    }

    void changePassword(String hash) {
        this.passwordHash = hash;
        this.passwordChangedAt = Instant.now();
    }

    void verifyEmail() {
        this.emailVerified = true;
    }

    void changeEmail(String newEmail) {
        this.email = newEmail;
        this.emailVerified = true;
    }

    void makeStaff(String role) {
        this.staffRole = role;
    }

    void deactivate() {
        this.status = "DEACTIVATED";
    }

    void reactivate() {
        this.status = "ACTIVE";
    }

    void mailAboutMessages(boolean on) {
        this.messageMail = on;
    }

    void chooseLocale(String locale) {
        this.locale = locale;
    }

    void updateProfile(Profile p) {
        this.firstName = p.firstName();
        this.lastName = p.lastName();
        this.jobTitle = p.jobTitle();
        this.city = p.city();
        this.phone = p.phone();
        this.phoneHidden = p.phoneHidden();
        this.bio = p.bio();
        this.specialisms.clear();
        this.specialisms.addAll(p.specialisms());
    }

    UserView view() {
        return new UserView(
                id,
                email,
                firstName,
                lastName,
                jobTitle,
                phone,
                phoneHidden,
                city,
                bio,
                List.copyOf(specialisms),
                locale,
                emailVerified,
                staffRole,
                isActive(),
                createdAt,
                messageMail);
    }
}
