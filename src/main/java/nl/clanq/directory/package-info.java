/**
 * Finding people: member profiles as the members of the same vendor communities see them (C8).
 * The searchable directory comes with the directory and messages work; today it holds the
 * profile page the forums and the locked-forum page link to.
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.directory;
