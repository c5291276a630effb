package nl.clanq.shared.web;

/**
 * What the error page shows. Statuses other than 403, 404, 429 and 500 fall back to the general
 * message; forbidden things normally answer 404 so nobody learns that they exist.
 */
public record ErrorView(int status, String kind, String requestId, long retryMinutes) {

    /** Request attribute with the minutes to wait, set by whoever answers 429. */
    public static final String RETRY_MINUTES = ErrorView.class.getName() + ".retryMinutes";

    public static ErrorView of(int status, String requestId) {
        return of(status, requestId, 0);
    }

    public static ErrorView of(int status, String requestId, long retryMinutes) {
        String kind =
                switch (status) {
                    case 400 -> "400";
                    case 403 -> "403";
                    case 404, 405 -> "404";
                    case 429 -> "429";
                    default -> status >= 500 ? "500" : "400";
                };
        return new ErrorView(status, kind, requestId, retryMinutes);
    }

    public boolean showRequestId() {
        return status >= 500;
    }
}
