package nl.clanq.forums;

/** A forum as pages and policies refer to it. */
public record ForumRef(
        long id,
        long vendorId,
        String vendorSlug,
        String vendorName,
        Long moduleId,
        String kind,
        String name,
        String slug,
        String description,
        String status,
        int topicCount,
        int postCount,
        java.time.Instant lastPostAt,
        Long mergedInto,
        int position) {

    public boolean general() {
        return "GENERAL".equals(kind);
    }

    public boolean archived() {
        return "ARCHIVED".equals(status);
    }

    public String path() {
        return "/forums/" + vendorSlug + "/" + slug;
    }
}
