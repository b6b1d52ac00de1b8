package io.mseg.console.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Query and path parameters read as strictly as bodies: a whole number is ASCII digits
 * (with an optional minus), a boolean is {@code true} or {@code false}. Spring's defaults
 * also take {@code 0x10}, {@code #10}, {@code ١} (Arabic-Indic) or {@code yes}, so a typo
 * could page or filter other than asked. Editors of the binder, because they come before
 * the conversion service for every parameter.
 */
@ControllerAdvice
class StrictParameters {

	@InitBinder
	void strictNumbersAndBooleans(WebDataBinder binder) {
		register(binder, StrictParameters::integer, int.class, Integer.class);
		register(binder, StrictParameters::whole, long.class, Long.class);
		register(binder, StrictParameters::bool, boolean.class, Boolean.class);
	}

	private static void register(WebDataBinder binder, Function<String, Object> parser, Class<?>... types) {
		for (Class<?> type : types) {
			binder.registerCustomEditor(type, new PropertyEditorSupport() {
				@Override
				public void setAsText(String text) {
					setValue(parser.apply(text));
				}
			});
		}
	}

	static Integer integer(String text) {
		long value = whole(text);
		if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("out of range");
		}
		return (int) value;
	}

	static Long whole(String text) {
		if (!text.matches("-?[0-9]{1,18}")) {
			throw new IllegalArgumentException("not a whole number written with the digits 0 to 9");
		}
		return Long.parseLong(text);
	}

	static Boolean bool(String text) {
		return switch (text) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw new IllegalArgumentException("not true or false");
		};
	}

}
