package dev.bindings.mysql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Connections with TLS, or in plain text when the server offers no TLS: the Go driver's
 * {@code tls=preferred} and {@code allowFallbackToPlaintext=true}, which MariaDB
 * Connector/J has no mode for. Each connection first tries the TLS properties; only the
 * driver's error for a server without TLS ({@code Trying to connect with ssl, but ssl not
 * enabled in the server}) makes it connect again with {@code sslMode=disable}. A failed
 * handshake or certificate check fails the connection.
 */
final class PlaintextFallbackDataSource implements DataSource {

	private static final String NO_TLS_ON_SERVER = "ssl not enabled in the server";

	private final Driver driver;

	private final String url;

	private final Properties tls;

	private final Properties plaintext;

	private int loginTimeout;

	PlaintextFallbackDataSource(Driver driver, String url, Map<String, String> properties) {
		this.driver = driver;
		this.url = url;
		this.tls = new Properties();
		this.tls.putAll(properties);
		this.plaintext = new Properties();
		this.plaintext.putAll(properties);
		this.plaintext.put("sslMode", "disable");
		this.plaintext.remove("serverSslCert");
	}

	@Override
	public Connection getConnection() throws SQLException {
		return connect(null, null);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return connect(username, password);
	}

	private Connection connect(@Nullable String username, @Nullable String password) throws SQLException {
		try {
			return connect(this.tls, username, password);
		}
		catch (SQLException ex) {
			if (ex.getMessage() == null || !ex.getMessage().contains(NO_TLS_ON_SERVER)) {
				throw ex;
			}
			return connect(this.plaintext, username, password);
		}
	}

	private Connection connect(Properties properties, @Nullable String username, @Nullable String password)
			throws SQLException {
		Properties connection = new Properties();
		connection.putAll(properties);
		if (username != null) {
			connection.put("user", username);
		}
		if (password != null) {
			connection.put("password", password);
		}
		Connection result = this.driver.connect(this.url, connection);
		if (result == null) {
			throw new SQLException("the MariaDB driver does not accept the URL");
		}
		return result;
	}

	@Override
	public @Nullable PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
		this.loginTimeout = seconds;
	}

	@Override
	public int getLoginTimeout() {
		return this.loginTimeout;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("not a wrapper for " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		// never the properties: they may hold a password
		return "PlaintextFallbackDataSource[" + this.url + "]";
	}

}
