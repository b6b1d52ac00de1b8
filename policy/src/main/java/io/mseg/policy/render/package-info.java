/**
 * The rendered policy an enforcer receives: per processing unit, the rules that apply to
 * it with remote ends resolved to addresses, and an evaluator that reads it the way an
 * enforcer does.
 */
package io.mseg.policy.render;
