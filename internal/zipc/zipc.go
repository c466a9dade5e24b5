// Package zipc reads and writes .zip containers: the brat download the
// page packs and the archives an import unpacks.
//
// Why not archive/zip: the project's rule is a library over a hand-written
// codec unless a measured budget forces it. Here one does: archive/zip,
// with the time formatting and internal/godebug it pulls in, was ~77 KB of
// the formats module's xz-compressed size, and that module is embedded in
// the single-file build (dist/spanmark.html), whose size budget it
// threatens. This package does only what spanmark needs: methods 0
// (stored) and 8 (deflate, through compress/flate), data descriptors,
// CRC-32 and sizes checked; zip64, encryption and other methods are
// refused with an error naming the entry. archive/zip stays allowed in
// tests, which check this codec against it both ways.
//
// Nothing read from an archive is trusted: offsets and sizes are checked
// against the archive's length, an entry is read up to a caller's limit
// and never past it, and no input makes the reader panic (FuzzReader).
package zipc

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"strconv"
	"unicode/utf8"
)

const (
	sigLocal   = 0x04034b50
	sigCentral = 0x02014b50
	sigEnd     = 0x06054b50
	sigEnd64L  = 0x07064b50 // zip64 end-of-directory locator
	sigDesc    = 0x08074b50

	lenLocal   = 30
	lenCentral = 46
	lenEnd     = 22

	// Method numbers as in APPNOTE.TXT.
	Store   = 0
	Deflate = 8

	flagEncrypted  = 0x1
	flagDescriptor = 0x8
	flagStrongEnc  = 0x40
	flagUTF8       = 0x800
)

// Error is an archive-level problem (the archive cannot be read at all).
type Error struct{ Msg string }

func (e *Error) Error() string { return "zip: " + e.Msg }

// EntryError is a problem with one entry; Msg says what, without the name.
type EntryError struct{ Name, Msg string }

func (e *EntryError) Error() string { return "zip entry " + strconv.Quote(e.Name) + ": " + e.Msg }

// Entry is one central-directory record.
type Entry struct {
	Name             string // as stored, like archive/zip's FileHeader.Name
	Method           uint16
	Flags            uint16
	CRC32            uint32
	CompressedSize   uint32
	UncompressedSize uint32 // from the header: a claim, checked when read

	creator  uint8
	external uint32
	offset   int64 // of the local header, from the archive's start
	zip64    bool
	r        *Reader
}

// Reader is an archive held in memory.
type Reader struct {
	data    []byte
	Entries []*Entry
}

// NewReader parses the end record and central directory of data. Entry
// problems that only matter when the entry is read (method, encryption,
// zip64) are reported by Entry.Read, so that the other entries stay
// readable.
func NewReader(data []byte) (*Reader, error) {
	end := -1
	lo := len(data) - lenEnd - 0xFFFF // the comment is at most 64 KB
	if lo < 0 {
		lo = 0
	}
	for i := len(data) - lenEnd; i >= lo; i-- {
		if binary.LittleEndian.Uint32(data[i:]) == sigEnd {
			// the comment must fit (bytes after it are tolerated, as
			// archive/zip does)
			if i+lenEnd+int(u16(data[i+20:])) <= len(data) {
				end = i
				break
			}
		}
	}
	if end < 0 {
		return nil, &Error{"no end of central directory (not a .zip archive, or a truncated one)"}
	}
	e := data[end:]
	disk, cdDisk := u16(e[4:]), u16(e[6:])
	nDisk, n := u16(e[8:]), u16(e[10:])
	cdSize, cdOff := int64(u32(e[12:])), int64(u32(e[16:]))
	if end >= 20 && u32(data[end-20:]) == sigEnd64L || n == 0xFFFF || cdSize == 0xFFFFFFFF || cdOff == 0xFFFFFFFF {
		return nil, &Error{"zip64 archives are not supported"}
	}
	if disk != 0 || cdDisk != 0 || nDisk != n {
		return nil, &Error{"multi-part (spanned) archives are not supported"}
	}
	if cdSize > int64(end) {
		return nil, &Error{"the central directory is larger than the archive"}
	}
	// Data before the archive (a self-extractor's stub) shifts every
	// offset by the same amount, as archive/zip allows.
	base := int64(end) - cdSize - cdOff
	if base < 0 {
		return nil, &Error{"the central directory lies outside the archive"}
	}
	if int64(n)*lenCentral > cdSize {
		return nil, &Error{"the central directory is too short for its " + strconv.Itoa(int(n)) + " entries"}
	}
	r := &Reader{data: data, Entries: make([]*Entry, 0, n)}
	p := data[base+cdOff : int64(end)]
	for i := 0; i < int(n); i++ {
		if len(p) < lenCentral || u32(p) != sigCentral {
			return nil, &Error{"central directory record " + strconv.Itoa(i+1) + " is damaged"}
		}
		nl, xl, cl := int(u16(p[28:])), int(u16(p[30:])), int(u16(p[32:]))
		if lenCentral+nl+xl+cl > len(p) {
			return nil, &Error{"central directory record " + strconv.Itoa(i+1) + " runs past the directory"}
		}
		z := &Entry{
			Name:             string(p[lenCentral : lenCentral+nl]),
			Method:           u16(p[10:]),
			Flags:            u16(p[8:]),
			CRC32:            u32(p[16:]),
			CompressedSize:   u32(p[20:]),
			UncompressedSize: u32(p[24:]),
			creator:          p[5],
			external:         u32(p[38:]),
			r:                r,
		}
		off := u32(p[42:])
		z.zip64 = z.CompressedSize == 0xFFFFFFFF || z.UncompressedSize == 0xFFFFFFFF || off == 0xFFFFFFFF
		z.offset = base + int64(off)
		r.Entries = append(r.Entries, z)
		p = p[lenCentral+nl+xl+cl:]
	}
	return r, nil
}

// IsDir tells a folder entry, as archive/zip's FileInfo().IsDir() does:
// a name ending in "/", or a folder mode in the external attributes.
func (z *Entry) IsDir() bool {
	if len(z.Name) > 0 && z.Name[len(z.Name)-1] == '/' {
		return true
	}
	switch z.creator {
	case 3, 19: // Unix, macOS: st_mode in the high half
		return z.external>>16&0xF000 == 0x4000
	case 0, 11, 14: // FAT, NTFS, VFAT: MS-DOS attributes
		return z.external&0x10 != 0
	}
	return false
}

func (z *Entry) fail(msg string) error { return &EntryError{z.Name, msg} }

// Read unpacks the entry, reading at most max+1 bytes of output whatever
// the headers say. When the entry holds more than max bytes, Read returns
// those max+1 bytes and no error (the caller reports the size; nothing
// else was checked). Otherwise the size and CRC-32 are checked against the
// central directory (and the data descriptor, if any); when a check fails
// the unpacked bytes come with the error, as io.ReadAll's do, so that a
// caller counting what an archive made it unpack (entries may share their
// data) counts these too.
func (z *Entry) Read(max int64) ([]byte, error) {
	switch {
	case z.zip64:
		return nil, z.fail("zip64 entries are not supported")
	case z.Flags&(flagEncrypted|flagStrongEnc) != 0:
		return nil, z.fail("the entry is encrypted (encrypted archives are not supported)")
	case z.Method != Store && z.Method != Deflate:
		return nil, z.fail("compression method " + strconv.Itoa(int(z.Method)) + " is not supported (only stored and deflate)")
	}
	data := z.r.data
	if z.offset < 0 || z.offset > int64(len(data))-lenLocal || u32(data[z.offset:]) != sigLocal {
		return nil, z.fail("its local header is missing or damaged")
	}
	start := z.offset + lenLocal + int64(u16(data[z.offset+26:])) + int64(u16(data[z.offset+28:]))
	stop := start + int64(z.CompressedSize)
	if stop > int64(len(data)) {
		return nil, z.fail("its data runs past the end of the archive")
	}
	src := data[start:stop]
	var out []byte
	if z.Method == Store {
		if z.CompressedSize != z.UncompressedSize {
			return nil, z.fail("a stored entry's sizes differ")
		}
		if int64(len(src)) > max {
			return src[:max+1], nil
		}
		out = bytes.Clone(src) // the caller may keep it; the archive is not its to share
	} else {
		fr := flate.NewReader(bytes.NewReader(src))
		var b bytes.Buffer
		if int64(z.UncompressedSize) <= max {
			b.Grow(int(z.UncompressedSize)) // bounded by the caller's max
		}
		_, err := io.Copy(&b, io.LimitReader(fr, max+1))
		if int64(b.Len()) > max {
			return b.Bytes(), nil
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return b.Bytes(), z.fail("its compressed data is truncated")
			}
			return b.Bytes(), z.fail("its compressed data is damaged: " + err.Error())
		}
		out = b.Bytes()
	}
	if uint64(len(out)) != uint64(z.UncompressedSize) {
		return out, z.fail("it unpacks to " + strconv.Itoa(len(out)) + " bytes, its header says " + strconv.FormatUint(uint64(z.UncompressedSize), 10))
	}
	if crc32.ChecksumIEEE(out) != z.CRC32 {
		return out, z.fail("checksum error (CRC-32): the archive is damaged")
	}
	if z.Flags&flagDescriptor != 0 {
		d := data[stop:]
		if len(d) >= 4 && u32(d) == sigDesc {
			d = d[4:]
		}
		if len(d) < 4 || u32(d) != z.CRC32 {
			return out, z.fail("its data descriptor is missing or disagrees with the central directory")
		}
	}
	return out, nil
}

// File is one entry to write.
type File struct {
	Name string
	Data []byte
}

// dosDate is 2000-01-01 (MS-DOS date; the time is 00:00:00): every
// entry carries it, so the same files give the same bytes.
const dosDate = (2000-1980)<<9 | 1<<5 | 1

// Write packs files, in order, with the given method (Store or Deflate),
// as regular files (mode 0644) dated 2000-01-01. The output is the same
// for the same input. Names and sizes that would need zip64 are refused.
func Write(files []File, method uint16) ([]byte, error) {
	if method != Store && method != Deflate {
		return nil, &Error{"cannot write method " + strconv.Itoa(int(method))}
	}
	if len(files) >= 0xFFFF {
		return nil, &Error{"too many files for one archive (zip64 is not written)"}
	}
	var out, cd []byte
	for _, f := range files {
		if len(f.Name) > 0xFFFF {
			return nil, &EntryError{f.Name, "the name is too long"}
		}
		data, m := f.Data, method
		if m == Deflate {
			var b bytes.Buffer
			fw, err := flate.NewWriter(&b, flate.DefaultCompression)
			if err != nil {
				return nil, err
			}
			fw.Write(f.Data) // a bytes.Buffer does not fail
			fw.Close()
			data = b.Bytes()
		}
		if int64(len(f.Data)) >= 0xFFFFFFFF || int64(len(data)) >= 0xFFFFFFFF || int64(len(out)) >= 0xFFFFFFFF {
			return nil, &EntryError{f.Name, "too large for an archive without zip64"}
		}
		var flags uint16
		if !isASCII(f.Name) && utf8.ValidString(f.Name) {
			flags |= flagUTF8
		}
		crc := crc32.ChecksumIEEE(f.Data)
		off := uint32(len(out))
		// local header
		out = le32(out, sigLocal)
		out = le16(out, 20) // version needed: 2.0
		out = le16(out, flags)
		out = le16(out, m)
		out = le16(out, 0) // time 00:00
		out = le16(out, dosDate)
		out = le32(out, crc)
		out = le32(out, uint32(len(data)))
		out = le32(out, uint32(len(f.Data)))
		out = le16(out, uint16(len(f.Name)))
		out = le16(out, 0) // no extra field
		out = append(out, f.Name...)
		out = append(out, data...)
		// central record
		cd = le32(cd, sigCentral)
		cd = le16(cd, 3<<8|20) // made by Unix, spec 2.0: the mode below is st_mode
		cd = le16(cd, 20)
		cd = le16(cd, flags)
		cd = le16(cd, m)
		cd = le16(cd, 0)
		cd = le16(cd, dosDate)
		cd = le32(cd, crc)
		cd = le32(cd, uint32(len(data)))
		cd = le32(cd, uint32(len(f.Data)))
		cd = le16(cd, uint16(len(f.Name)))
		cd = le16(cd, 0) // extra
		cd = le16(cd, 0) // comment
		cd = le16(cd, 0) // disk
		cd = le16(cd, 0) // internal attributes
		cd = le32(cd, 0o100644<<16)
		cd = le32(cd, off)
		cd = append(cd, f.Name...)
	}
	if int64(len(out))+int64(len(cd)) >= 0xFFFFFFFF {
		return nil, &Error{"the archive is too large without zip64"}
	}
	cdOff := uint32(len(out))
	out = append(out, cd...)
	out = le32(out, sigEnd)
	out = le16(out, 0)
	out = le16(out, 0)
	out = le16(out, uint16(len(files)))
	out = le16(out, uint16(len(files)))
	out = le32(out, uint32(len(cd)))
	out = le32(out, cdOff)
	out = le16(out, 0) // no comment
	return out, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func u16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }
func u32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }

func le16(b []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(b, v) }
func le32(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }
