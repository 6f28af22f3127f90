/**
 * The {@code bindings.smtp} output binding type: Dapr's SMTP component on Jakarta Mail
 * through Spring's {@code JavaMailSenderImpl}.
 */
@NullMarked
package dev.bindings.smtp;

import org.jspecify.annotations.NullMarked;
