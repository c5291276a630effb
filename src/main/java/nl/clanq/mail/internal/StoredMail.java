package nl.clanq.mail.internal;

import java.util.Map;

/** One outbox row with what was (or will be) sent. */
public record StoredMail(OutboxEntry entry, String bodyText, String bodyHtml, Map<String, String> headers) {}
