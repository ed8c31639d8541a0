package org.jifen.scheme;

import java.math.BigDecimal;

/** A grade and its lower bound: the grade of a published score is that of the first band (highest first) with score ≥ min. */
public record GradeBand(String grade, BigDecimal min) implements java.io.Serializable {}
