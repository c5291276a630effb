package nl.clanq.mail.web;

/** One mail as demo mode shows it to staff: the facts, the text body and where the HTML body is. */
public record MailDetailView(MailRow mail, String bodyText, String htmlUrl) {}
