package org.jifen.reports; /** Report packs. */ final class Placeholder { private Placeholder() {} }
