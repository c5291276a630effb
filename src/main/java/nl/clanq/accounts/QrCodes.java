package nl.clanq.accounts;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/** QR codes as PNG data URIs, so the setup page needs no extra request (and no third party). */
final class QrCodes {

    static final int PIXELS_PER_MODULE = 6;

    /** The white border scanners need around the code, in modules (the QR standard's minimum). */
    static final int QUIET_ZONE_MODULES = 4;

    private QrCodes() {}

    static String pngDataUri(String text) {
        BitMatrix matrix;
        try {
            // Size 0 and margin 0 give one bit per module; scaling and the quiet zone are ours.
            matrix = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(
                                    EncodeHintType.MARGIN,
                                    0,
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.CHARACTER_SET,
                                    "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of this text", e);
        }
        int modules = matrix.getWidth() + 2 * QUIET_ZONE_MODULES;
        int size = modules * PIXELS_PER_MODULE;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int mx = x / PIXELS_PER_MODULE - QUIET_ZONE_MODULES;
                int my = y / PIXELS_PER_MODULE - QUIET_ZONE_MODULES;
                boolean dark =
                        mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getHeight() && matrix.get(mx, my);
                // In the binary image's palette 0 is black and 1 is white.
                raster.setSample(x, y, 0, dark ? 0 : 1);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
