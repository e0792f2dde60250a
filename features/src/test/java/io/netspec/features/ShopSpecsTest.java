package io.netspec.features;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * The shop's specs on the JUnit Platform, exactly as a Java team runs its own: the step library
 * as glue, the feature files from a directory. Surefire runs tests from the module directory, so
 * the repository's {@code examples/} is one level up. Every scenario there must pass.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("../examples/shop/specs")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.netspec.features.steps")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
class ShopSpecsTest {}
