package org.coact.runner.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.runner.data.NpyReader;
import org.coact.runner.data.NpzArchive;
import org.coact.runner.testing.NpyFiles;
import org.coact.runner.testing.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hardening catalogue of bad configurations and data files (issue 13, items 5 and 6), each
 * run as a user would meet it, {@code coact analyze} on the bundled MLP: the documented exit
 * code, exactly one line on stderr naming the key, file, member or layer, no stack trace, no
 * report. (Bad plugins are catalogued in {@code HostilePluginsTest}, {@code PluginZipTest} and
 * {@code ThrowingExtensionsTest}; the first mistakes of the backbone in {@link BadInputTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueTest {

    private static final String MLP = "onnx/mlp/mlp-epoch10.onnx";

    /**
     * @param name what is wrong
     * @param data the data file, in the work directory (or testmodels' MNIST digits)
     * @param config a config file's text, or null
     * @param args further arguments
     * @param exitCode the documented exit code
     * @param mustContain what the one line names; {@code $DATA} and {@code $CONFIG} stand for the files
     */
    record Case(String name, String data, String config, List<String> args, int exitCode, List<String> mustContain) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case config(String name, String yaml, String... mustContain) {
        return new Case(name, null, yaml, List.of(), ExitCodes.USAGE, List.of(mustContain));
    }

    private static Case flags(String name, List<String> args, String... mustContain) {
        return new Case(name, null, null, args, ExitCodes.USAGE, List.of(mustContain));
    }

    private static Case data(String name, String file, String... mustContain) {
        return new Case(name, file, null, List.of(), ExitCodes.DATA, List.of(mustContain));
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // configs: duplicate keys, wrong types, non-finite and out-of-range values, named with key and value
        c.add(config("duplicate key", "batch_size: 64\nbatch_size: 32\n", "Duplicate field 'batch_size'", "$CONFIG"));
        c.add(config("float batch_size", "batch_size: 2.5\n", "'batch_size'", "2.5", "not a whole number"));
        c.add(config("quoted number", "batch_size: \"64\"\n", "'batch_size'", "the text '64'", "without quotes"));
        c.add(config("quoted seed", "community:\n  seed: \"42\"\n", "'community.seed'", "the text '42'"));
        c.add(config("quoted boolean", "graph:\n  per_class: \"true\"\n", "'graph.per_class'", "true or false"));
        c.add(config("number for a boolean", "graph:\n  per_class: 1\n", "'graph.per_class'", "1 (not true or false)"));
        c.add(config("list for text", "data:\n  features: [a]\n", "'data.features'", "is a list; it must be text"));
        c.add(config("text for a list", "layers: auto\n", "'layers'", "the text 'auto'; it must be a list"));
        c.add(config("empty value", "data:\n  features: ~\n", "'data.features'", "has no value"));
        c.add(config("int overflow", "batch_size: 99999999999\n", "'batch_size'", "99999999999", "out of the range"));
        c.add(config("NaN resolution", "community:\n  resolution: .nan\n", "'community.resolution'", "'.nan'",
                "finite number"));
        c.add(config("infinite threshold", "threshold: .inf\n", "'threshold'", "'.inf'"));
        c.add(config("overflowing threshold", "threshold: 1e400\n", "'threshold'", "'Infinity'"));
        c.add(config("NaN prediction threshold", "prediction:\n  threshold: .nan\n", "'prediction.threshold'", ".nan"));
        c.add(config("negative resolution", "community:\n  resolution: -1\n", "'community.resolution'", "-1.0"));
        c.add(config("unknown nested key", "data:\n  feature: x\n", "'data.feature'", "$CONFIG"));
        c.add(config("unknown non_finite policy", "data:\n  non_finite: ignore\n", "'data.non_finite'", "'ignore'",
                "warn, fail"));
        c.add(flags("--batch-size 2147483647", List.of("--batch-size", "2147483647"), "'batch_size'", "2147483647",
                "at most 2739137"));
        c.add(flags("--set NaN", List.of("--set", "community.resolution=.nan"), "community.resolution=.nan",
                "not a finite number"));
        c.add(flags("--set quoted number", List.of("--set", "batch_size=\"8\""), "'batch_size'", "the text '8'"));
        c.add(flags("--batch-size -5", List.of("--batch-size", "-5"), "'batch_size'",
                "is -5 (not a whole number of at least 1, or 'auto')"));
        c.add(flags("--batch-size fast", List.of("--batch-size", "fast"), "'batch_size'",
                "the text 'fast'; it must be a whole number of at least 1, or 'auto'"));
        // data files: corrupt archives, hostile headers, NaN under data.non_finite: fail
        for (String m : List.of("x", "y")) {
            c.add(data("bad CRC, stored " + m, "crc-stored-" + m + ".npz", "member '" + m + ".npy' of $DATA",
                    "fails its CRC-32 check"));
            // a flipped bit in deflated bytes fails inflation or the CRC, whichever comes first
            c.add(data("corrupt deflated " + m, "crc-deflated-" + m + ".npz", "$DATA", "corrupt"));
        }
        c.add(data("header nested 3,000 deep", "deep.npy", "$DATA", "nested deeper than 32 levels"));
        c.add(data("negative dimension", "negative.npy", "$DATA", "shape [-2000, 784] with a negative dimension"));
        c.add(data("overflowing dimensions", "overflow.npy", "$DATA", "too large to address"));
        c.add(data("dimension beyond a long", "huge.npy", "$DATA", "bad integer '99999999999999999999'"));
        c.add(data("data.features on a .npy", "plain.npy", "config key data.features ('pixels')"));
        c.add(new Case("NaN inputs under data.non_finite: fail", "nan.npz", "data:\n  non_finite: fail\n", List.of(),
                ExitCodes.DATA, List.of("layer '/act1/Relu'", "gave 1280 NaN or infinite values", "$DATA",
                        "data.non_finite is 'fail'")));
        return c;
    }

    private Path work;
    private Path labels;

    @BeforeAll
    void files(@TempDir Path dir) throws Exception {
        work = dir;
        float[] x;
        long[] y;
        try (NpzArchive npz = NpzArchive.open(TestEnv.model("mnist/test.npz"));
                NpyReader xs = npz.reader("x", 1f); NpyReader ys = npz.reader("y", 1f)) {
            x = xs.readFloats((int) xs.header().rows());
            y = ys.readLongs((int) ys.header().rows());
        }
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("x", NpyFiles.float32(x, y.length, 784));
        arrays.put("y", NpyFiles.int64(y, y.length));
        Path stored = NpyFiles.storedNpz(dir.resolve("stored.npz"), arrays);
        Path deflated = NpyFiles.npz(dir.resolve("deflated.npz"), arrays);
        for (String m : List.of("x", "y")) {
            // a bit of one value deep inside the member: x's 1,000th pixel, y's 1,000th label
            flip(stored, dir.resolve("crc-stored-" + m + ".npz"), m + ".npy", m.equals("x") ? 128 + 4000 : 128 + 8000);
            flip(deflated, dir.resolve("crc-deflated-" + m + ".npz"), m + ".npy", m.equals("x") ? 4000 : 40);
        }
        labels = Files.write(dir.resolve("labels.npy"), NpyFiles.int64(y, y.length));
        byte[] data = new byte[16];
        npy(dir.resolve("deep.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': " + "(".repeat(3000)
                + ")".repeat(3000) + ", }", data);
        npy(dir.resolve("negative.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (-2000, 784), }", data);
        npy(dir.resolve("overflow.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (2000, 4294967296, "
                + "4294967296), }", data);
        npy(dir.resolve("huge.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 784), }",
                data);
        Files.write(dir.resolve("plain.npy"), NpyFiles.float32(x, y.length, 784));
        float[] nan = x.clone();
        for (int i = 0; i < 10; i++) {
            nan[i * 784 + 400] = Float.NaN;
        }
        Map<String, byte[]> withNan = new LinkedHashMap<>(arrays);
        withNan.put("x", NpyFiles.float32(nan, y.length, 784));
        NpyFiles.npz(dir.resolve("nan.npz"), withNan);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadInputIsOneLineNamingTheCulpritWithItsExitCode(Case c) throws IOException {
        Path data = c.data() == null ? TestEnv.model("mnist/test.npz") : work.resolve(c.data());
        Path out = work.resolve("out-" + c.name().replaceAll("[^A-Za-z0-9]+", "-"));
        List<String> args = new ArrayList<>(List.of("analyze", "--model", TestEnv.model(MLP).toString(), "--data",
                data.toString(), "--out", out.toString(), "--quiet"));
        Path config = null;
        if (c.config() != null) {
            config = Files.writeString(work.resolve("c-" + out.getFileName() + ".yaml"), c.config());
            args.addAll(List.of("--config", config.toString()));
        }
        if (c.data() != null && c.data().endsWith(".npy")) {
            args.addAll(List.of("--labels", labels.toString()));
            if (c.data().equals("plain.npy")) {
                args.addAll(List.of("--set", "data.features=pixels"));
            }
        }
        args.addAll(c.args());
        String dataName = data.toString();
        String configName = String.valueOf(config);
        TestEnv.Run run = TestEnv.coact(args.toArray(String[]::new));
        TestEnv.assertUserError(run, c.exitCode(), out, c.mustContain().stream()
                .map(s -> s.replace("$DATA", dataName).replace("$CONFIG", configName)).toArray(String[]::new));
        assertTrue(run.errLines().get(0).length() < 600, "one readable line: " + run.err());
    }

    /** Copies an .npz with one bit of a member flipped where the archive stores it. */
    private static void flip(Path npz, Path copy, String member, int offset) throws IOException {
        byte[] b = Files.readAllBytes(npz);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = member.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 < b.length; i++) {
            if (buf.getInt(i) == 0x04034b50 && (buf.getShort(i + 26) & 0xffff) == name.length
                    && Arrays.equals(b, i + 30, i + 30 + name.length, name, 0, name.length)) {
                b[i + 30 + name.length + (buf.getShort(i + 28) & 0xffff) + offset] ^= 0x10;
                Files.write(copy, b);
                return;
            }
        }
        throw new AssertionError("no member " + member);
    }

    /** An .npy of format 2.0 with the given header text (unpadded) and data bytes. */
    private static void npy(Path file, String dict, byte[] data) throws IOException {
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0});
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(text.length).array());
        out.writeBytes(text);
        out.writeBytes(data);
        Files.write(file, out.toByteArray());
    }
}
