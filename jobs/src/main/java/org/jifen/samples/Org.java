package org.jifen.samples;

/** One row of the org tree (orgs.xlsx). Branch-only fields are set by {@link DistrictPlan}. */
final class Org {
  static final String DISTRICT = "区委";
  static final String PARTY_COMMITTEE = "党委";
  static final String WORKING_COMMITTEE = "工委";
  static final String GENERAL_BRANCH = "党总支";
  static final String BRANCH = "党支部";

  final String code;
  final String name;
  final Org parent;
  final String level;
  final Domain domain;
  final boolean active;
  /** 负责人: the secretary; for branches a member of the branch. */
  String leader;

  // Branch-only: index among all branches of the plan, member flavour and the ledger clerk.
  int branchIndex = -1;
  boolean retiredBranch;
  int targetMembers;
  String clerk;
  Layout layout;

  Org(String code, String name, Org parent, String level, Domain domain, boolean active) {
    this.code = code;
    this.name = name;
    this.parent = parent;
    this.level = level;
    this.domain = domain;
    this.active = active;
  }

  boolean isBranch() {
    return BRANCH.equals(level);
  }

  /** The committee (党委/工委) this organization belongs to; itself for a committee. */
  Org committee() {
    Org o = this;
    while (o.parent != null && o.parent.parent != null) {
      o = o.parent;
    }
    return o;
  }

  @Override
  public String toString() {
    return code + " " + name;
  }
}
