package nl.clanq.shared.web;

/**
 * Thrown for anything that does not exist or that the current user may not see: both answer 404,
 * so nobody learns what exists.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException() {
        super(null, null, false, false);
    }
}
