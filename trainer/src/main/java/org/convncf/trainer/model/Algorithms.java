package org.convncf.trainer.model;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.convncf.nn.UserEmbeddingKind;
import org.convncf.trainer.model.convncf.ConvNcf;
import org.convncf.trainer.model.ease.Ease;
import org.convncf.trainer.model.fism.Fism;
import org.convncf.trainer.model.gmf.Gmf;
import org.convncf.trainer.model.itemknn.ItemKnn;
import org.convncf.trainer.model.itempop.ItemPop;
import org.convncf.trainer.model.jrl.Jrl;
import org.convncf.trainer.model.mf.MfBpr;
import org.convncf.trainer.model.mlp.Mlp;
import org.convncf.trainer.model.neumf.NeuMf;
import org.convncf.trainer.model.oncf.OncfMlp;
import org.convncf.trainer.model.rp3b.Rp3Beta;
import org.convncf.trainer.model.svdpp.SvdPlusPlus;
import org.convncf.trainer.model.userknn.UserKnn;

/** The registry: every algorithm the trainer offers, one line each. */
public final class Algorithms {

    private static final List<Algorithm<?>> ALL = List.of(
            new ItemPop(),
            new MfBpr(),
            new Fism(),
            new SvdPlusPlus(),
            new ConvNcf(UserEmbeddingKind.MF),
            new ConvNcf(UserEmbeddingKind.FISM),
            new ConvNcf(UserEmbeddingKind.SVDPP),
            new Gmf(),
            new Mlp(),
            new Jrl(),
            new NeuMf(),
            new OncfMlp(),
            new ItemKnn(),
            new UserKnn(),
            new Rp3Beta(),
            new Ease());

    private Algorithms() {
    }

    public static List<Algorithm<?>> all() {
        return ALL;
    }

    public static Algorithm<?> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(a -> a.name().equals(n)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown model '" + name + "'; available: " + names()));
    }

    public static String names() {
        return ALL.stream().map(Algorithm::name).collect(Collectors.joining(", "));
    }
}
