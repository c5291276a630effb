package nl.clanq.catalog;

/** A software module of a vendor. */
public record ModuleView(
        long id, long vendorId, String name, String slug, String description, String status, int position) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
