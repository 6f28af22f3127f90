package dev.bindings.cron;

import dev.bindings.InputBinding;
import dev.bindings.component.ComponentDefinition;
import dev.bindings.component.ComponentMetadata;
import dev.bindings.registry.InputBindingFactory;

/**
 * Creates {@code bindings.cron} input bindings: metadata {@code schedule} (required;
 * daprd's syntax, see {@link CronSchedule}) and, this starter's own,
 * {@code maxConcurrentTicks} (how many deliveries of ticks may overlap, default 5). The
 * type is input only: a {@code bindings.cron} component has no output binding.
 */
public class CronInputBindingFactory implements InputBindingFactory {

	/** How many deliveries of ticks may overlap unless the metadata says otherwise. */
	static final int DEFAULT_MAX_CONCURRENT_TICKS = 5;

	@Override
	public String type() {
		return "bindings.cron";
	}

	@Override
	public InputBinding create(ComponentDefinition component) {
		ComponentMetadata md = ComponentMetadata.of(component.metadata());
		String schedule = md.get("schedule");
		if (schedule == null || schedule.isEmpty()) {
			throw new IllegalArgumentException("schedule not set");
		}
		CronSchedule parsed;
		try {
			parsed = CronSchedule.parse(schedule);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid schedule format '" + schedule + "': " + ex.getMessage());
		}
		int maxConcurrentTicks = md.getInt("maxConcurrentTicks", DEFAULT_MAX_CONCURRENT_TICKS, 1, 1000,
				"invalid value for 'maxConcurrentTicks': a whole number from 1 to 1000");
		return new CronInputBinding(component.name(), parsed, maxConcurrentTicks);
	}

}
