package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"hash"
)

// The standard security handler, revision 6 (ISO 32000-2 §7.6.4.3.3–4, algorithms 2.A,
// 2.B and 8–13), and the derivation of everything EncryptPDF would otherwise draw at
// random.

// hash2B is algorithm 2.B, the hash of revision 6: SHA-256 of password, salt and udata
// (the 48-byte /U for the owner password, empty for the user password), then at least 64
// rounds of AES-128-CBC over 64 copies of password‖K‖udata, each followed by SHA-256,
// -384 or -512 as the first 16 bytes of the ciphertext say, until the last byte of the
// ciphertext is at most the round number − 32. It returns 32 bytes.
func hash2B(password, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(password)
	h.Write(salt)
	h.Write(udata)
	k := make([]byte, 0, 64)
	k = h.Sum(k)
	hashes := [3]hash.Hash{h, sha512.New384(), sha512.New()}
	seqLen := len(password) + 64 + len(udata)
	k1 := make([]byte, 0, 64*seqLen)
	e := make([]byte, 64*seqLen)
	for round := 0; ; {
		k1 = k1[:0]
		for range 64 {
			k1 = append(k1, password...)
			k1 = append(k1, k...)
			k1 = append(k1, udata...)
		}
		block, _ := aes.NewCipher(k[:16]) // 16 bytes: never an error
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e[:len(k1)], k1)
		out := e[:len(k1)]
		// The first 16 bytes as a big-endian number, modulo 3: as 256 ≡ 1 (mod 3), the
		// sum of the bytes modulo 3.
		sum := 0
		for _, c := range out[:16] {
			sum += int(c)
		}
		hh := hashes[sum%3]
		hh.Reset()
		hh.Write(out)
		k = hh.Sum(k[:0])
		round++
		if round >= 64 && int(out[len(out)-1]) <= round-32 {
			break
		}
	}
	return k[:32:32]
}

// aesCBCNoPad encrypts (or decrypts) whole blocks with AES-256-CBC and a zero IV, as
// algorithms 8, 9 and 2.A do for /UE and /OE.
func aesCBCNoPad(key, data []byte, decrypt bool) []byte {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // keys here are 32 bytes
	}
	out := make([]byte, len(data))
	iv := make([]byte, aes.BlockSize)
	if decrypt {
		cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, data)
	} else {
		cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, data)
	}
	return out
}

// securityR6 is the content of an /Encrypt dictionary of revision 6.
type securityR6 struct {
	O, U, OE, UE, Perms []byte
	P                   int32
	EncryptMetadata     bool
}

// newSecurityR6 computes /U, /UE (algorithm 8), /O, /OE (algorithm 9) and /Perms
// (algorithm 10) for a file key, from prepared passwords and the given salts (user
// validation, user key, owner validation, owner key) and the 4 filler bytes of /Perms.
func newSecurityR6(fileKey, user, owner []byte, salts [4][8]byte, fill [4]byte, p int32, encryptMetadata bool) *securityR6 {
	s := &securityR6{P: p, EncryptMetadata: encryptMetadata}
	// algorithm 8
	s.U = append(append(hash2B(user, salts[0][:], nil), salts[0][:]...), salts[1][:]...)
	s.UE = aesCBCNoPad(hash2B(user, salts[1][:], nil), fileKey, false)
	// algorithm 9
	s.O = append(append(hash2B(owner, salts[2][:], s.U), salts[2][:]...), salts[3][:]...)
	s.OE = aesCBCNoPad(hash2B(owner, salts[3][:], s.U), fileKey, false)
	// algorithm 10: P as 64 bits (the upper 32 set), T or F, "adb", 4 filler bytes,
	// encrypted with the file key in ECB mode (one block)
	var perms [16]byte
	binary.LittleEndian.PutUint32(perms[0:4], uint32(p))
	copy(perms[4:8], []byte{0xff, 0xff, 0xff, 0xff})
	perms[8] = 'F'
	if encryptMetadata {
		perms[8] = 'T'
	}
	copy(perms[9:12], "adb")
	copy(perms[12:16], fill[:])
	block, _ := aes.NewCipher(fileKey)
	s.Perms = make([]byte, 16)
	block.Encrypt(s.Perms, perms[:])
	return s
}

var errWrongPassword = errors.New("wrong password")

// fileKey authenticates a prepared password, as the user password (algorithm 11) or the
// owner password (algorithm 12), and returns the file key (algorithm 2.A); then checks
// /Perms against /P and /EncryptMetadata (algorithm 13).
func (s *securityR6) fileKey(password []byte) ([]byte, error) {
	if len(s.U) < 48 || len(s.O) < 48 || len(s.UE) != 32 || len(s.OE) != 32 {
		return nil, errors.New("bad /U, /O, /UE or /OE")
	}
	var key []byte
	switch u, o := s.U[:48], s.O[:48]; {
	case subtle.ConstantTimeCompare(hash2B(password, u[32:40], nil), u[:32]) == 1:
		key = aesCBCNoPad(hash2B(password, u[40:48], nil), s.UE, true)
	case subtle.ConstantTimeCompare(hash2B(password, o[32:40], u), o[:32]) == 1:
		key = aesCBCNoPad(hash2B(password, o[40:48], u), s.OE, true)
	default:
		return nil, errWrongPassword
	}
	if len(s.Perms) < 16 {
		return nil, errors.New("bad /Perms")
	}
	var perms [16]byte
	block, _ := aes.NewCipher(key)
	block.Decrypt(perms[:], s.Perms[:16])
	meta := perms[8] == 'T'
	if string(perms[9:12]) != "adb" || int32(binary.LittleEndian.Uint32(perms[0:4])) != s.P || meta != s.EncryptMetadata {
		return nil, errors.New("/Perms does not match /P and /EncryptMetadata: the file was tampered with")
	}
	return key, nil
}

// docKeys is what EncryptPDF derives for one plaintext and one password, in place of the
// random values of the standard.
type docKeys struct {
	fileKey []byte     // 32 bytes: the AES-256 key of every string and stream
	ivKey   []byte     // 32 bytes: the HMAC key the IVs are drawn from
	salts   [4][8]byte // user validation, user key, owner validation, owner key
	fill    [4]byte    // the filler bytes of /Perms
	id      []byte     // 16 bytes: both elements of the file /ID
}

// keyDomain separates the password stretch of deriveKeys from every other use of
// algorithm 2.B (whose salts are 8 bytes).
const keyDomain = "dossier/pdf/aesv3/keys/v1\x00"

// deriveKeys derives the keys of a document from its prepared user password and the
// SHA-256 of its plaintext. See EncryptPDF for why this is safe.
//
//	stretched = hash2B(password, keyDomain‖sha256(plaintext), "")
//	prk       = HKDF-Extract(SHA-256, salt = sha256(plaintext), stretched)
//	fileKey   = HKDF-Expand(prk, "dossier pdf file key", 32)
//	ivKey     = HKDF-Expand(prk, "dossier pdf iv key", 32)
//	salts     = HKDF-Expand(prk, "dossier pdf salts", 32)
//	fill      = HKDF-Expand(prk, "dossier pdf perms filler", 4)
//	/ID       = SHA-256("dossier pdf id\x00"‖sha256(plaintext))[:16]
func deriveKeys(plainSum [32]byte, password []byte) docKeys {
	stretched := hash2B(password, append([]byte(keyDomain), plainSum[:]...), nil)
	prk, err := hkdf.Extract(sha256.New, stretched, plainSum[:])
	if err != nil {
		panic(err)
	}
	expand := func(info string, n int) []byte {
		b, err := hkdf.Expand(sha256.New, prk, info, n)
		if err != nil {
			panic(err) // n is far below the limit of 255 hashes
		}
		return b
	}
	k := docKeys{fileKey: expand("dossier pdf file key", 32), ivKey: expand("dossier pdf iv key", 32)}
	s := expand("dossier pdf salts", 32)
	for i := range k.salts {
		copy(k.salts[i][:], s[8*i:])
	}
	copy(k.fill[:], expand("dossier pdf perms filler", 4))
	id := sha256.Sum256(append([]byte("dossier pdf id\x00"), plainSum[:]...))
	k.id = id[:16]
	return k
}

// cryptor encrypts or decrypts strings and streams with AESV3: AES-256-CBC with the file
// key, a 16-byte IV in front, PKCS#5 padding (ISO 32000-2 §7.6.3.2, algorithm 1.A).
type cryptor struct {
	block cipher.Block
	mac   hash.Hash // HMAC-SHA-256 with the IV key; nil when decrypting
	ivbuf [16]byte
	msg   [32]byte
}

func newCryptor(fileKey, ivKey []byte) *cryptor {
	block, err := aes.NewCipher(fileKey)
	if err != nil {
		panic(err)
	}
	c := &cryptor{block: block}
	if ivKey != nil {
		c.mac = hmac.New(sha256.New, ivKey)
	}
	return c
}

// Kinds of encrypted data, in the IV derivation.
const (
	ivString = 's'
	ivStream = 'S'
)

// iv returns the IV of the index-th string (or the stream) of object num gen:
// HMAC-SHA-256(ivKey, "iv"‖num‖gen‖kind‖index)[:16], every number big-endian.
func (c *cryptor) iv(num, gen int, kind byte, index int) []byte {
	m := c.msg[:0]
	m = append(m, 'i', 'v')
	m = binary.BigEndian.AppendUint32(m, uint32(num))
	m = binary.BigEndian.AppendUint16(m, uint16(gen))
	m = append(m, kind)
	m = binary.BigEndian.AppendUint32(m, uint32(index))
	c.mac.Reset()
	c.mac.Write(m)
	var sum [32]byte
	copy(c.ivbuf[:], c.mac.Sum(sum[:0]))
	return c.ivbuf[:]
}

// encrypt returns iv‖AES-256-CBC(data‖padding).
func (c *cryptor) encrypt(iv, data []byte) []byte {
	pad := aes.BlockSize - len(data)%aes.BlockSize
	out := make([]byte, aes.BlockSize+len(data)+pad)
	copy(out, iv)
	body := out[aes.BlockSize:]
	copy(body, data)
	for i := len(data); i < len(body); i++ {
		body[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(c.block, iv).CryptBlocks(body, body)
	return out
}

var errBadCiphertext = errors.New("a string or stream is not AES-256 ciphertext (damaged, or not encrypted)")

// decrypt reverses encrypt.
func (c *cryptor) decrypt(data []byte) ([]byte, error) {
	if len(data) < 2*aes.BlockSize || len(data)%aes.BlockSize != 0 {
		if len(data) == 0 {
			return nil, nil // an empty string stays empty
		}
		return nil, errBadCiphertext
	}
	out := make([]byte, len(data)-aes.BlockSize)
	cipher.NewCBCDecrypter(c.block, data[:aes.BlockSize]).CryptBlocks(out, data[aes.BlockSize:])
	pad := int(out[len(out)-1])
	if pad == 0 || pad > aes.BlockSize {
		return nil, errBadCiphertext
	}
	for _, b := range out[len(out)-pad:] {
		if int(b) != pad {
			return nil, errBadCiphertext
		}
	}
	return out[:len(out)-pad], nil
}
