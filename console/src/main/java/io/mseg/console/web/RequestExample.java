package io.mseg.console.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A valid request body of the annotated type, as JSON: the OpenAPI document gives it as
 * the example of every operation that takes the type as its body, which is what Swagger
 * UI's "Try it out" starts from. Needed where the examples of the type's properties do
 * not add up to a body the console accepts (a time that has passed by the time it is
 * sent, an ID of nothing, two ends that must name a processing unit).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RequestExample {

	/** What the example shows, as Swagger UI lists it. */
	String name();

	/** The body, as JSON. */
	String value();

}
