package dev.bindings.localstorage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.bindings.BindingRequest;
import dev.bindings.BindingResponse;
import dev.bindings.OutputBinding;
import dev.bindings.support.BoundedExecutor;
import dev.bindings.support.ResponseSizeLimit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code bindings.localstorage} component: operations {@code create}, {@code get},
 * {@code list} and {@code delete} on files under {@code rootPath}, named by the request
 * metadata {@code fileName} ({@code create} without one uses a random UUID).
 * <p>
 * {@code create} transforms the data as Dapr does: a JSON string is unquoted, then, if
 * the result is valid standard base64, decoded. So binary files can be uploaded as base64
 * strings, but beware: a string such as {@code "test"} is valid base64 and is stored as
 * the three bytes {@code b5 eb 2d}. Set the component metadata
 * {@code decodeBase64: false} to store strings as text (unquoted) instead.
 * <p>
 * Unlike Dapr, which silently clamps such names inside the root, a {@code fileName} that
 * is absolute, contains a {@code ..} segment, or resolves through a symbolic link to a
 * place outside {@code rootPath} is refused, and no folder is made through such a link
 * ({@link RootFolder} says how files are opened). {@code get} fails, before reading, on a
 * file larger than the maximum response size (the application's
 * {@code bindings.limits.max-response-size}), and {@code list} on a listing larger than
 * that. File I/O runs on the binding's own small thread pool.
 */
final class LocalStorageOutputBinding implements OutputBinding, AutoCloseable {

	private static final List<String> OPERATIONS = List.of("create", "get", "list", "delete");

	/** How many file operations run at once. */
	static final int THREADS = 4;

	/** How many file operations may wait for a thread; the next one fails at once. */
	static final int MAXIMUM_QUEUED_OPERATIONS = 10_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RootFolder root;

	private final boolean decodeBase64;

	private final long maxResponseSize;

	private final BoundedExecutor executor;

	LocalStorageOutputBinding(String name, Path root, boolean decodeBase64, long maxResponseSize) {
		this.root = new RootFolder(root);
		this.decodeBase64 = decodeBase64;
		this.maxResponseSize = maxResponseSize;
		this.executor = new BoundedExecutor(name, THREADS, MAXIMUM_QUEUED_OPERATIONS, Duration.ofSeconds(5));
	}

	@Override
	public List<String> operations() {
		return OPERATIONS;
	}

	@Override
	public CompletableFuture<BindingResponse> invoke(BindingRequest request) {
		return this.executor.supply(() -> {
			try {
				return invokeNow(request);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		}, "the binding is closed", "too many file operations waiting (at most " + MAXIMUM_QUEUED_OPERATIONS + ")");
	}

	private BindingResponse invokeNow(BindingRequest request) throws IOException {
		String fileName = request.metadata().get("fileName");
		return switch (request.operation()) {
			case "create" -> create((fileName == null || fileName.isEmpty()) ? UUID.randomUUID().toString() : fileName,
					request.data());
			case "get" -> get(required(fileName));
			case "delete" -> delete(required(fileName));
			case "list" -> list(fileName);
			default -> throw new IllegalArgumentException("unsupported operation " + request.operation());
		};
	}

	private static String required(@Nullable String fileName) {
		if (fileName == null || fileName.isEmpty()) {
			throw new IllegalArgumentException("required metadata 'fileName' is missing");
		}
		return fileName;
	}

	private BindingResponse create(String fileName, byte @Nullable [] data) throws IOException {
		byte[] bytes = content(data);
		Path file = this.root.resolve(fileName);
		if (file.equals(this.root.path())) {
			throw new IOException("error creating file " + file + ": is a directory");
		}
		Path folder = this.root.createDirectories(parent(file), fileName);
		String name = file.getFileName().toString();
		try {
			this.root.runInFolder(folder, fileName, (opened) -> {
				try (SeekableByteChannel channel = opened.open(name, Set.of(StandardOpenOption.WRITE,
						StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING))) {
					ByteBuffer buffer = ByteBuffer.wrap(bytes);
					while (buffer.hasRemaining()) {
						channel.write(buffer);
					}
				}
			});
		}
		catch (IOException ex) {
			throw new IOException("error creating file " + file + ": " + ex.getMessage(), ex);
		}
		String relative = this.root.path().relativize(file).toString();
		return BindingResponse.of(JSON.writeValueAsBytes(Map.of("fileName", relative)), Map.of());
	}

	/**
	 * Dapr: unquote a JSON string, then decode valid standard base64 (unless turned off).
	 */
	byte[] content(byte @Nullable [] data) {
		byte[] bytes = (data != null) ? data : new byte[0];
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
			try {
				String unquoted = JSON.readValue(text, String.class);
				bytes = unquoted.getBytes(StandardCharsets.UTF_8);
				text = unquoted;
			}
			catch (JacksonException ex) {
				// not a valid JSON string: stored as is
			}
		}
		if (this.decodeBase64) {
			String base64 = text.replace("\r", "").replace("\n", "");
			if (base64.length() % 4 == 0 && base64.matches("[A-Za-z0-9+/]*={0,2}")) {
				try {
					return Base64.getDecoder().decode(base64);
				}
				catch (IllegalArgumentException ex) {
					// not base64 after all
				}
			}
		}
		return bytes;
	}

	private BindingResponse get(String fileName) throws IOException {
		Path file = this.root.resolve(fileName);
		if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			throw new NoSuchFileException("file not found: " + file);
		}
		Path real = this.root.real(file, fileName);
		if (real.equals(this.root.path())) {
			throw new IOException("error reading file " + file + ": is a directory");
		}
		String name = real.getFileName().toString();
		byte[] content = this.root.inFolder(parent(real), fileName, (folder) -> {
			BasicFileAttributes attributes = folder.attributes(name);
			if (attributes.isDirectory()) {
				throw new IOException("error reading file " + file + ": is a directory");
			}
			checkSize(attributes.size(), file);
			try (SeekableByteChannel channel = folder.open(name, Set.of(StandardOpenOption.READ))) {
				checkSize(channel.size(), file);
				return read(channel, file);
			}
		});
		return BindingResponse.of(content, Map.of());
	}

	private byte[] read(SeekableByteChannel channel, Path file) throws IOException {
		long size = channel.size();
		ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(Math.min(size, this.maxResponseSize), 32));
		ByteBuffer buffer = ByteBuffer.allocate(8192);
		long total = 0;
		while (channel.read(buffer) != -1) {
			total += buffer.position();
			// the file may grow while it is read
			checkSize(total, file);
			out.write(buffer.array(), 0, buffer.position());
			buffer.clear();
		}
		return out.toByteArray();
	}

	private void checkSize(long size, Path file) throws IOException {
		if (size > this.maxResponseSize) {
			throw new IOException(
					"error reading file " + file + ": it is " + ResponseSizeLimit.largerThan(this.maxResponseSize));
		}
	}

	/**
	 * The folder of a file resolved under the root (never the root itself, which has
	 * one).
	 */
	private static Path parent(Path file) {
		return Objects.requireNonNull(file.getParent(), "a file under the root has a parent folder");
	}

	private BindingResponse delete(String fileName) throws IOException {
		Path file = this.root.resolve(fileName);
		if (file.equals(this.root.path())) {
			throw new IllegalArgumentException("error deleting file " + file + ": the root folder cannot be deleted");
		}
		try {
			Path folder = this.root.real(parent(file), fileName);
			String name = file.getFileName().toString();
			this.root.runInFolder(folder, fileName, (opened) -> opened.delete(name));
		}
		catch (IOException ex) {
			throw new IOException("error deleting file " + file + ": " + describe(ex), ex);
		}
		return BindingResponse.noContent();
	}

	private BindingResponse list(@Nullable String fileName) throws IOException {
		String name = (fileName != null) ? fileName : "";
		Path folder = name.isEmpty() ? this.root.path() : this.root.resolve(name);
		if (!Files.exists(folder)) {
			throw new NoSuchFileException("error getting stats for path " + folder + ": no such file or directory");
		}
		Path real = this.root.real(folder, name);
		if (!Files.isDirectory(real)) {
			throw new IOException("unable to list files as the file specified is not a directory: " + folder);
		}
		List<String> files = new ArrayList<>();
		this.root.runInFolder(real, name, (opened) -> walk(opened, folder, files, new long[1]));
		files.sort(null);
		// like Go's json.Marshal of a nil slice
		return BindingResponse
			.of(files.isEmpty() ? "null".getBytes(StandardCharsets.US_ASCII) : JSON.writeValueAsBytes(files), Map.of());
	}

	/**
	 * Go's {@code filepath.Walk} as Dapr uses it: every entry that is not a folder, links
	 * included and not followed.
	 */
	private void walk(RootFolder.Folder folder, Path path, List<String> files, long[] size) throws IOException {
		for (String entry : folder.names()) {
			if (folder.attributes(entry).isDirectory()) {
				try (RootFolder.Folder child = folder.child(entry)) {
					walk(child, path.resolve(entry), files, size);
				}
			}
			else {
				String file = path.resolve(entry).toString();
				size[0] += file.length() + 3;
				if (size[0] > this.maxResponseSize) {
					throw new IOException("error listing files in the directory " + path + ": the listing is "
							+ ResponseSizeLimit.largerThan(this.maxResponseSize));
				}
				files.add(file);
			}
		}
	}

	/**
	 * A size for a message: {@code 16MB}, {@code 512KB} or {@code 1000 bytes}.
	 */

	private static String describe(IOException ex) {
		if (ex instanceof NoSuchFileException) {
			return "no such file or directory";
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	@Override
	public void close() {
		this.executor.close();
	}

}
