/**
 * Private messages (C9): conversations of a member with 1 to 9 others, and with the shared staff
 * inbox "Clanqbeheer" (C17). Bodies are encrypted at rest (S6); only participants — and, for the
 * staff inbox, staff — can open a conversation (S9); sending is rate-limited (S11).
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.messaging;
