package io.mseg.console.object;

import java.util.List;

/**
 * One page of a list and the total number of items across pages ({@code X-Count-Total}).
 *
 * @param <T> the item
 */
public record PageOf<T>(List<T> items, long total) {

}
