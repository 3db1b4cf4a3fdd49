package dev.cogworks.sim.voice;

import com.google.crypto.tink.aead.internal.InsecureNonceXChaCha20Poly1305;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Discord's two voice transport encryption modes, both "RTP size" AEADs: the RTP header is the
 * associated data, the payload is sealed with a 16-byte tag, and a 4-byte big-endian counter
 * appended to the packet is the nonce (zero-padded to 12 bytes for AES-GCM, to 24 for XChaCha).
 * XChaCha20-Poly1305 comes from Tink, the library JDA itself encrypts with.
 */
public enum TransportCipher {
  AEAD_AES256_GCM_RTPSIZE("aead_aes256_gcm_rtpsize", 12),
  AEAD_XCHACHA20_POLY1305_RTPSIZE("aead_xchacha20_poly1305_rtpsize", 24);

  /** Discord offers both, XChaCha always ("required"), AES-GCM when its hardware has it. */
  public static final List<String> ALL_MODES =
      List.of(AEAD_AES256_GCM_RTPSIZE.mode, AEAD_XCHACHA20_POLY1305_RTPSIZE.mode);

  static final int NONCE_SUFFIX = 4;
  private static final int TAG_BITS = 128;

  private final String mode;
  private final int nonceLength;

  TransportCipher(String mode, int nonceLength) {
    this.mode = mode;
    this.nonceLength = nonceLength;
  }

  /** The name in READY's {@code modes} and SELECT_PROTOCOL's {@code mode}. */
  public String mode() {
    return mode;
  }

  public static TransportCipher forMode(String mode) {
    for (TransportCipher cipher : values()) {
      if (cipher.mode.equals(mode)) {
        return cipher;
      }
    }
    return null;
  }

  /**
   * The payload of an RTP packet whose first {@code headerLength} bytes are the unencrypted header.
   *
   * @throws GeneralSecurityException when the tag does not verify (wrong key, mode or tampering)
   */
  public byte[] open(byte[] key, byte[] packet, int length, int headerLength)
      throws GeneralSecurityException {
    if (length < headerLength + 16 + NONCE_SUFFIX) {
      throw new GeneralSecurityException("packet too short: " + length + " bytes");
    }
    byte[] header = Arrays.copyOf(packet, headerLength);
    byte[] nonce = new byte[nonceLength];
    System.arraycopy(packet, length - NONCE_SUFFIX, nonce, 0, NONCE_SUFFIX);
    byte[] sealed = Arrays.copyOfRange(packet, headerLength, length - NONCE_SUFFIX);
    if (this == AEAD_AES256_GCM_RTPSIZE) {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(header);
      return cipher.doFinal(sealed);
    }
    return new InsecureNonceXChaCha20Poly1305(key).decrypt(nonce, sealed, header);
  }

  /** Seals a payload as a client does; for tests and the benchmark's own sender. */
  public byte[] seal(byte[] key, byte[] header, byte[] payload, int counter)
      throws GeneralSecurityException {
    byte[] nonce = new byte[nonceLength];
    nonce[0] = (byte) (counter >>> 24);
    nonce[1] = (byte) (counter >>> 16);
    nonce[2] = (byte) (counter >>> 8);
    nonce[3] = (byte) counter;
    byte[] sealed;
    if (this == AEAD_AES256_GCM_RTPSIZE) {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(header);
      sealed = cipher.doFinal(payload);
    } else {
      sealed = new InsecureNonceXChaCha20Poly1305(key).encrypt(nonce, payload, header);
    }
    byte[] packet = new byte[header.length + sealed.length + NONCE_SUFFIX];
    System.arraycopy(header, 0, packet, 0, header.length);
    System.arraycopy(sealed, 0, packet, header.length, sealed.length);
    System.arraycopy(nonce, 0, packet, header.length + sealed.length, NONCE_SUFFIX);
    return packet;
  }
}
