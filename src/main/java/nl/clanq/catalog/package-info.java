/**
 * The vendors (one community each, C1) and their software modules (C2) that staff maintain.
 * Registration, licences and (later) forums build on this data.
 */
@org.springframework.modulith.ApplicationModule
package nl.clanq.catalog;
