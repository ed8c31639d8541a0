package org.jifen.samples;

/** The domain (领域) of an organization, DOMAIN §1. */
enum Domain {
  GOVERNMENT("机关"),
  COMMUNITY("社区"),
  SCHOOL("学校"),
  NEW_ORG("两新"),
  RURAL("农村"),
  STATE_ENTERPRISE("国企");

  final String label;

  Domain(String label) {
    this.label = label;
  }
}
