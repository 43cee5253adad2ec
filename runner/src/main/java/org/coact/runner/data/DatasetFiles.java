package org.coact.runner.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coact.api.DataException;

/** Opens the files of a {@link Dataset} and checks that their arrays fit together. */
final class DatasetFiles {
    private DatasetFiles() {
    }

    /**
     * Reads the headers of every array in a data or labels file.
     *
     * @param role {@code "data"} or {@code "labels"}, for messages
     * @param npyName the name a plain .npy's array is given
     * @param archives receives the opened .npz, for the caller to close
     */
    static Map<String, ArrayRef> openArrays(DataFile file, String role, String npyName,
            List<NpzArchive> archives) throws DataException {
        if (!file.isFile()) {
            throw new DataException(role + " file not found: " + file.location());
        }
        String name = file.location().toLowerCase(Locale.ROOT);
        Map<String, ArrayRef> refs = new LinkedHashMap<>();
        if (name.endsWith(".npy")) {
            String key = role.equals("labels") ? "data.labels" : "data.features";
            String standard = role.equals("labels") ? DatasetOptions.defaults().labelsKey()
                    : DatasetOptions.defaults().featuresKey();
            if (!npyName.equals(standard)) { // the key names an .npz array; a .npy has none to choose
                throw new DataException(role + " file " + file.location() + " is a single .npy array, so config key " + key
                        + " ('" + npyName + "') has no array to select; drop the key or save an .npz holding an array '"
                        + npyName + "'");
            }
            refs.put(npyName, ArrayRef.npy(npyName, file.location(), file.location(), file.size(), file::open));
        } else if (name.endsWith(".npz")) {
            NpzArchive npz = NpzArchive.open(file.local(), file.location());
            archives.add(npz);
            for (String a : npz.arrays()) {
                refs.put(a, npz.ref(a));
            }
            if (refs.isEmpty()) {
                throw new DataException(role + " file " + file.location() + " holds no .npy arrays");
            }
        } else {
            throw new DataException(role + " file " + file.location() + " has an unsupported extension; supported: "
                    + ".npy (one numpy array), .npz (named numpy arrays, from np.savez or np.savez_compressed)");
        }
        return refs;
    }

    /**
     * Finds N and checks that the labels hold one value per sample. N is the first-axis length
     * of the features array ({@code featuresKey}) if there is one, else of the labels, else of
     * the first array. Other arrays may differ (an .npz may carry extras such as class names);
     * an array bound to a model input must have N rows, which {@link Dataset#batches} checks.
     *
     * @return N
     */
    static int checkSizes(String data, String labelsFile, Map<String, ArrayRef> arrays, ArrayRef labels,
            String featuresKey) throws DataException {
        ArrayRef reference = arrays.containsKey(featuresKey) ? arrays.get(featuresKey)
                : labels != null ? labels : arrays.values().iterator().next();
        long n = reference.header().rows();
        if (n == 0) {
            throw new DataException("dataset " + data + " is empty");
        }
        if (n > Integer.MAX_VALUE) {
            throw new DataException("dataset " + data + " has " + n + " samples; at most " + Integer.MAX_VALUE
                    + " are supported");
        }
        if (labels != null) {
            if (labels.header().rows() != n) {
                throw new DataException("labels " + (labelsFile != null ? labelsFile : labels.where()) + " has "
                        + labels.header().rows() + " entries but data " + data + " has " + n + " samples"
                        + (arrays.size() > 1 ? " (array '" + reference.name() + "')" : ""));
            }
            if (labels.header().sampleElements() != 1) {
                throw new DataException("labels " + labels.where() + " have shape "
                        + Arrays.toString(labels.header().shape())
                        + "; expected one class index per sample, shape [N] (for one-hot labels save y.argmax(1))");
            }
        }
        return (int) n;
    }
}
