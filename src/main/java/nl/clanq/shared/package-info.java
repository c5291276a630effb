/**
 * Shared foundation used by every module: the page frame and view context, error pages, request
 * ids, the embedded database for development and tests, the demo-data mechanism and web security
 * plumbing. It holds no domain data of its own.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package nl.clanq.shared;
