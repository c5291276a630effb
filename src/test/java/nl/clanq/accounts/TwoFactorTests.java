package nl.clanq.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TwoFactorTests {

    /** Reads a QR code back the way a phone would, from the PNG in a data URI. */
    static String scan(String dataUri) throws Exception {
        assertThat(dataUri).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(
                new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        // A generated image is a "pure" barcode: no perspective to guess, which keeps decoding exact.
        return new QRCodeReader()
                .decode(
                        bitmap,
                        java.util.Map.of(
                                com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE,
                                com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
    }

    @Test
    void otpauthUriFollowsTheKeyUriFormatAuthenticatorAppsRead_S2() {
        assertThat(TwoFactor.otpauthUri("eva+test@zuidwaarde.example.nl", "JBSWY3DPEHPK3PXP"))
                .isEqualTo("otpauth://totp/Clanq:eva%2Btest%40zuidwaarde.example.nl"
                        + "?secret=JBSWY3DPEHPK3PXP&issuer=Clanq&digits=6&period=30");
        assertThat(TwoFactor.otpauthUri("Eva de Vries", "JBSWY3DPEHPK3PXP")).contains("Clanq:Eva%20de%20Vries?");
    }

    @Test
    void groupsTheSecretInFoursForTypingByHand_S2() {
        assertThat(TwoFactor.grouped("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"))
                .isEqualTo("ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567");
    }

    @Test
    void qrCodeIsAPngThatScansToTheUriWithAQuietZone_S2() throws Exception {
        String uri = TwoFactor.otpauthUri("eva@zuidwaarde.example.nl", Totp.newSecret());
        String dataUri = QrCodes.pngDataUri(uri);

        assertThat(scan(dataUri)).isEqualTo(uri);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()))));
        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isGreaterThan(200);
        assertThat(image.getWidth() % QrCodes.PIXELS_PER_MODULE).isZero();
        int quietZone = QrCodes.QUIET_ZONE_MODULES * QrCodes.PIXELS_PER_MODULE;
        for (int i = 0; i < image.getWidth(); i++) {
            assertThat(image.getRGB(i, quietZone - 1)).isEqualTo(0xFFFFFFFF);
            assertThat(image.getRGB(quietZone - 1, i)).isEqualTo(0xFFFFFFFF);
        }
        // The finder pattern's corner module starts right after the quiet zone.
        assertThat(image.getRGB(quietZone, quietZone)).isEqualTo(0xFF000000);
    }

    @Test
    void recoveryCodesAreTenDistinctUnambiguousCodes_S2() {
        List<String> codes = RecoveryCodes.generate();

        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(codes).allMatch(code -> code.matches("[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{2}"));
        assertThat(new HashSet<>(codes)).hasSize(10);
        // 31 symbols, 10 positions: about 50 bits.
        assertThat(10 * Math.log(RecoveryCodes.ALPHABET.length()) / Math.log(2)).isGreaterThan(49);
    }

    @Test
    void recoveryCodesAreReadHowTheyAreTyped_S2() {
        assertThat(RecoveryCodes.canonical("ABCD-EFGH-JK")).isEqualTo("abcdefghjk");
        assertThat(RecoveryCodes.canonical(" abcd efgh jk ")).isEqualTo("abcdefghjk");
        assertThat(RecoveryCodes.canonical("abcd-efgh-j")).isEmpty();
        assertThat(RecoveryCodes.canonical("abcd-efgh-j0")).isEmpty();
        assertThat(RecoveryCodes.hash(1, "abcdefghjk")).isNotEqualTo(RecoveryCodes.hash(2, "abcdefghjk"));
    }
}
