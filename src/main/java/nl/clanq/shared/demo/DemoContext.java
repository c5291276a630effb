package nl.clanq.shared.demo;

/** What seeders share: the demo password every demo account gets. */
public record DemoContext(String password) {}
