package dev.bindings.localstorage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files under a component's {@code rootPath}, reached without following a symbolic
 * link out of it.
 * <p>
 * A file name is first resolved by its text (no absolute path, no {@code ..}), then to
 * its real path, which must lie inside the root's real path: a link that stays inside the
 * root is followed, one that leaves it is refused. The file is then opened from the root
 * one folder at a time, each relative to the one before and without following a link
 * ({@link SecureDirectoryStream}: {@code openat} with {@code O_NOFOLLOW}), so that a
 * folder replaced by a link after the check is refused instead of followed. Where the
 * platform has no {@code SecureDirectoryStream} (Windows), the folders are opened by path
 * and checked again after opening.
 * <p>
 * Folders that {@code create} needs are made one at a time, each only inside a folder
 * whose real path was checked, and checked again once made.
 */
final class RootFolder {

	private static final LinkOption[] NO_FOLLOW = { LinkOption.NOFOLLOW_LINKS };

	private final Path root;

	/**
	 * Create a root folder.
	 * @param root the real path of the root folder
	 */
	RootFolder(Path root) {
		this.root = root;
	}

	Path path() {
		return this.root;
	}

	/**
	 * The path of a file name, refusing names that leave the root by their text.
	 * @param fileName the file name of the request
	 * @return the path under the root, not resolved on the file system
	 */
	Path resolve(String fileName) {
		if (fileName.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("invalid fileName: it contains a NUL character");
		}
		Path name = Path.of(fileName);
		if (name.isAbsolute() || fileName.startsWith("/") || fileName.startsWith("\\")) {
			throw new IllegalArgumentException("invalid fileName " + fileName + ": absolute paths are not allowed");
		}
		for (Path segment : name) {
			if (segment.toString().equals("..")) {
				throw new IllegalArgumentException("invalid fileName " + fileName + ": '..' is not allowed");
			}
		}
		Path resolved = this.root.resolve(name).normalize();
		if (!resolved.startsWith(this.root)) {
			throw new IllegalArgumentException("invalid fileName " + fileName + ": it leaves rootPath");
		}
		return resolved;
	}

	/**
	 * The real path of an existing file or folder, which must be inside the root.
	 * @param path a path under the root
	 * @param fileName the file name of the request, for messages
	 * @return the real path
	 * @throws IOException if the path does not exist
	 */
	Path real(Path path, String fileName) throws IOException {
		Path real = path.toRealPath();
		checkInside(real, fileName);
		return real;
	}

	/**
	 * Make the folders of a path that do not exist yet, never through a link that leaves
	 * the root.
	 * @param folder the folder (under the root, as {@link #resolve(String)} gives it)
	 * @param fileName the file name of the request, for messages
	 * @return the real path of the folder
	 * @throws IOException if a folder cannot be made
	 */
	Path createDirectories(Path folder, String fileName) throws IOException {
		Path current = this.root;
		for (Path segment : this.root.relativize(folder)) {
			if (segment.toString().isEmpty()) {
				continue;
			}
			Path next = current.resolve(segment.toString());
			if (!Files.exists(next, NO_FOLLOW)) {
				try {
					Files.createDirectory(next);
				}
				catch (FileAlreadyExistsException ex) {
					// made meanwhile: checked below like any existing one
				}
			}
			Path real = real(next, fileName);
			if (!Files.isDirectory(real)) {
				throw new IOException("error creating directory " + next + ": not a directory");
			}
			current = real;
		}
		return current;
	}

	/**
	 * Run an action in a folder opened from the root without following a link.
	 * @param <T> the action's result
	 * @param folder the real path of the folder, inside the root
	 * @param fileName the file name of the request, for messages
	 * @param action the action
	 * @return the action's result
	 * @throws IOException if the folder cannot be opened, or the action fails
	 */
	<T> T inFolder(Path folder, String fileName, FolderAction<T> action) throws IOException {
		checkInside(folder, fileName);
		try (Folder opened = open(folder, fileName)) {
			return action.apply(opened);
		}
	}

	/**
	 * Run an action that answers nothing in a folder opened from the root without
	 * following a link.
	 * @param folder the real path of the folder, inside the root
	 * @param fileName the file name of the request, for messages
	 * @param action the action
	 * @throws IOException if the folder cannot be opened, or the action fails
	 */
	void runInFolder(Path folder, String fileName, FolderTask action) throws IOException {
		inFolder(folder, fileName, (opened) -> {
			action.run(opened);
			return Boolean.TRUE;
		});
	}

	private Folder open(Path folder, String fileName) throws IOException {
		DirectoryStream<Path> stream = Files.newDirectoryStream(this.root);
		if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
			stream.close();
			return new PathFolder(this, folder, fileName);
		}
		Folder current = new SecureFolder(secure);
		Path reached = this.root;
		try {
			for (Path segment : this.root.relativize(folder)) {
				if (segment.toString().isEmpty()) {
					continue;
				}
				reached = reached.resolve(segment.toString());
				Folder next;
				try {
					next = current.child(segment.toString());
				}
				catch (IOException ex) {
					if (Files.isSymbolicLink(reached)) {
						throw outside(fileName);
					}
					throw ex;
				}
				current.close();
				current = next;
			}
			return current;
		}
		catch (IOException | RuntimeException ex) {
			current.close();
			throw ex;
		}
	}

	private void checkInside(Path realPath, String fileName) {
		if (!realPath.startsWith(this.root)) {
			throw outside(fileName);
		}
	}

	private static IllegalArgumentException outside(String fileName) {
		return new IllegalArgumentException(
				"invalid fileName " + fileName + ": it resolves through a symbolic link to a place outside rootPath");
	}

	/**
	 * What is done in an opened folder.
	 *
	 * @param <T> the result
	 */
	@FunctionalInterface
	interface FolderAction<T> {

		T apply(Folder folder) throws IOException;

	}

	/**
	 * What is done in an opened folder, without a result.
	 */
	@FunctionalInterface
	interface FolderTask {

		void run(Folder folder) throws IOException;

	}

	/**
	 * An opened folder; names are single path segments and are never followed when they
	 * are links.
	 */
	interface Folder extends Closeable {

		/**
		 * Open a file of this folder.
		 * @param name the file's name
		 * @param options how to open it; a link is never followed
		 * @return the channel
		 * @throws IOException if the file cannot be opened
		 */
		SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException;

		/**
		 * The attributes of an entry, not following a link.
		 * @param name the entry's name
		 * @return the attributes
		 * @throws IOException if there is no such entry
		 */
		BasicFileAttributes attributes(String name) throws IOException;

		/**
		 * Delete an entry (a link itself, not its target; a folder must be empty).
		 * @param name the entry's name
		 * @throws IOException if it cannot be deleted
		 */
		void delete(String name) throws IOException;

		/**
		 * The names of the entries.
		 * @return the names
		 * @throws IOException if the folder cannot be read
		 */
		List<String> names() throws IOException;

		/**
		 * A sub-folder, which must not be a link.
		 * @param name the sub-folder's name
		 * @return the opened sub-folder
		 * @throws IOException if it cannot be opened
		 */
		Folder child(String name) throws IOException;

	}

	private static Set<OpenOption> noFollow(Set<? extends OpenOption> options) {
		Set<OpenOption> all = new HashSet<>(options);
		all.add(LinkOption.NOFOLLOW_LINKS);
		return all;
	}

	/**
	 * A folder opened relative to its parent ({@code openat}).
	 */
	private static final class SecureFolder implements Folder {

		private final SecureDirectoryStream<Path> stream;

		SecureFolder(SecureDirectoryStream<Path> stream) {
			this.stream = stream;
		}

		@Override
		public SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException {
			return this.stream.newByteChannel(Path.of(name), noFollow(options));
		}

		@Override
		public BasicFileAttributes attributes(String name) throws IOException {
			return this.stream.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NO_FOLLOW)
				.readAttributes();
		}

		@Override
		public void delete(String name) throws IOException {
			if (attributes(name).isDirectory()) {
				this.stream.deleteDirectory(Path.of(name));
			}
			else {
				this.stream.deleteFile(Path.of(name));
			}
		}

		@Override
		public List<String> names() {
			List<String> names = new ArrayList<>();
			for (Path entry : this.stream) {
				names.add(entry.getFileName().toString());
			}
			return names;
		}

		@Override
		public Folder child(String name) throws IOException {
			return new SecureFolder(this.stream.newDirectoryStream(Path.of(name), NO_FOLLOW));
		}

		@Override
		public void close() throws IOException {
			this.stream.close();
		}

	}

	/**
	 * A folder reached by its path, where the platform cannot open one relative to
	 * another: checked again on every use.
	 */
	private static final class PathFolder implements Folder {

		private final RootFolder root;

		private final Path path;

		private final String fileName;

		PathFolder(RootFolder root, Path path, String fileName) {
			this.root = root;
			this.path = path;
			this.fileName = fileName;
		}

		private Path entry(String name) throws IOException {
			this.root.real(this.path, this.fileName);
			return this.path.resolve(name);
		}

		@Override
		public SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException {
			SeekableByteChannel channel = Files.newByteChannel(entry(name), noFollow(options));
			try {
				this.root.real(this.path, this.fileName);
				return channel;
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}

		@Override
		public BasicFileAttributes attributes(String name) throws IOException {
			return Files.readAttributes(entry(name), BasicFileAttributes.class, NO_FOLLOW);
		}

		@Override
		public void delete(String name) throws IOException {
			Files.delete(entry(name));
		}

		@Override
		public List<String> names() throws IOException {
			List<String> names = new ArrayList<>();
			try (DirectoryStream<Path> stream = Files.newDirectoryStream(entry("."))) {
				for (Path entry : stream) {
					names.add(entry.getFileName().toString());
				}
			}
			return names;
		}

		@Override
		public Folder child(String name) throws IOException {
			Path child = entry(name);
			if (Files.isSymbolicLink(child)) {
				throw new IOException(child + " is a symbolic link");
			}
			return new PathFolder(this.root, child, this.fileName);
		}

		@Override
		public void close() {
		}

	}

}
