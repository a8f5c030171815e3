/**
 * The versioned model-artifact format: the contract between the trainer, which publishes versions,
 * and the service, which loads them.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * &lt;root&gt;/&lt;model&gt;/versions/&lt;version&gt;/manifest.json   written last; lists every other file
 *                                   /tensors.safetensors  all numeric arrays (F32, I32, I64)
 *                                   /users.txt, items.txt external ids in internal-id order
 *                                   /...                  extra files (plots, CSVs)
 * &lt;root&gt;/&lt;model&gt;/current                         the current version name + "\n"
 * &lt;root&gt;/&lt;model&gt;/.staging/                       publishes in progress; readers ignore it
 * &lt;root&gt;/&lt;model&gt;/.lock                          serializes switches of {@code current}
 * </pre>
 *
 * <p>A version becomes visible by one atomic rename of a fully written and verified staging directory,
 * and is immutable afterwards. {@code current} is replaced by an atomic rename as well, so readers see
 * either the old or the new version name, never a partial one. Every read verifies sizes and SHA-256
 * checksums before returning anything; there is no Java serialization anywhere.
 *
 * <p>Entry points: {@link org.convncf.store.ModelStore} (publish, open, roll back, prune) and
 * {@link org.convncf.store.ArtifactBuilder} (what the trainer fills).
 */
package org.convncf.store;
