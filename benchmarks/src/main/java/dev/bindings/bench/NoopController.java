package dev.bindings.bench;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP ceiling: a Spring MVC POST endpoint that reads the body and does nothing else.
 */
@RestController
class NoopController {

	@PostMapping("/noop")
	ResponseEntity<Void> noop(@RequestBody byte[] body) {
		return ResponseEntity.noContent().build();
	}

}
