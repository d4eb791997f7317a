// Command driver runs github.com/golang-jwt/jwt/v4 the way a Go user of
// Membrane's quick start would, for membrane-token's interop checks. It is
// interop/go/main.go (the v5 driver) with these changes, all marked "v4:":
// the import path, jwtModule, and the verification clock (jwt.TimeFunc, for
// HMAC and public-key tokens alike; v5 uses WithTimeFunc for the latter). It is built with an
// old Go toolchain (go1.19) by setup.sh, as the shared reference vectors were.
//
//	driver sign   < cases.jsonl > out.jsonl   one {"name","token"|"refused"} per case
//	driver verify < in.jsonl    > out.jsonl   one {"name","ok"[,"error"]} per case
//	driver version                            e.g. "golang-jwt v5.3.1 (go1.26.8)"
//
// HMAC lines carry "secret"; public-key lines (RS*, PS*, ES*, EdDSA) carry
// "private_key" (PKCS#8 PEM) to sign and "public_key" (SPKI PEM) to verify,
// parsed with the library's Parse{RSA,EC,Ed}{Private,Public}KeyFromPEM.
//
// Each input line is handled on its own: a bad line becomes an error result
// for that line and the driver goes on with the next one.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v4" // v4: the reference vectors' major version
)

// HMAC lines carry Secret; public-key lines (RS*, PS*, ES*, EdDSA) carry
// PrivateKey (PKCS#8 PEM) to sign and PublicKey (SPKI PEM) to verify.
type signCase struct {
	Name       string  `json:"name"`
	Alg        string  `json:"alg"`
	Secret     string  `json:"secret"`
	PrivateKey *string `json:"private_key"`
	Claims     string  `json:"claims"`
}

type verifyCase struct {
	Name      string  `json:"name"`
	Alg       string  `json:"alg"`
	Secret    string  `json:"secret"`
	PublicKey *string `json:"public_key"`
	Token     string  `json:"token"`
}

// Optional fields are pointers or omitempty so that each result line carries
// only what applies to it ("ok": false must still be printed, hence *bool).
type result struct {
	Name    string `json:"name"`
	Token   string `json:"token,omitempty"`
	Refused string `json:"refused,omitempty"`
	Warning string `json:"warning,omitempty"`
	OK      *bool  `json:"ok,omitempty"`
	Error   string `json:"error,omitempty"`
}

// Which kind of key each alg takes. GetSigningMethod alone would hand out any
// registered method (none included) for any key, which would then fail with a
// misleading error; the driver checks that the line carries the right kind of key.
var algFamily = map[string]string{
	"HS256": "hmac", "HS384": "hmac", "HS512": "hmac",
	"RS256": "rsa", "RS384": "rsa", "RS512": "rsa",
	"PS256": "rsa", "PS384": "rsa", "PS512": "rsa",
	"ES256": "ec", "ES384": "ec", "ES512": "ec",
	"EdDSA": "ed25519",
}

// privateKey parses a PKCS#8 PEM with the library's own helper for the alg's key
// type, as golang-jwt's docs and the shared vectors' `call` do; the parsed key is
// cached per PEM text, as a program loads its key once.
func privateKey(alg, pem string) (any, error) {
	if k, ok := privateKeys[pem]; ok {
		return k, nil
	}
	var k any
	var err error
	switch algFamily[alg] {
	case "rsa":
		k, err = jwt.ParseRSAPrivateKeyFromPEM([]byte(pem))
	case "ec":
		k, err = jwt.ParseECPrivateKeyFromPEM([]byte(pem))
	case "ed25519":
		k, err = jwt.ParseEdPrivateKeyFromPEM([]byte(pem))
	default:
		return nil, fmt.Errorf("driver: %s takes no private key", alg)
	}
	if err == nil {
		privateKeys[pem] = k
	}
	return k, err
}

// publicKey parses an SPKI PEM with the library's helper for the alg's key type.
func publicKey(alg, pem string) (any, error) {
	if k, ok := publicKeys[pem]; ok {
		return k, nil
	}
	var k any
	var err error
	switch algFamily[alg] {
	case "rsa":
		k, err = jwt.ParseRSAPublicKeyFromPEM([]byte(pem))
	case "ec":
		k, err = jwt.ParseECPublicKeyFromPEM([]byte(pem))
	case "ed25519":
		k, err = jwt.ParseEdPublicKeyFromPEM([]byte(pem))
	default:
		return nil, fmt.Errorf("driver: %s takes no public key", alg)
	}
	if err == nil {
		publicKeys[pem] = k
	}
	return k, err
}

var privateKeys, publicKeys = map[string]any{}, map[string]any{}

// jwtModule is the module path of the library this driver is built against.
const jwtModule = "github.com/golang-jwt/jwt/v4" // v4

func main() {
	if len(os.Args) == 2 && os.Args[1] == "version" {
		fmt.Println(version())
		return
	}
	if len(os.Args) != 2 || (os.Args[1] != "sign" && os.Args[1] != "verify") {
		fmt.Fprintln(os.Stderr, "usage: driver sign|verify|version < in.jsonl > out.jsonl")
		os.Exit(2)
	}
	mode := os.Args[1]
	// v4: MapClaims.Valid checks iat against jwt.TimeFunc (v5 does not check iat
	// unless asked). The cases' iat lies after the real clock, so verification
	// runs at INTEROP_NOW, like the other drivers, through v4's documented hook.
	now, err := interopNow()
	if err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		os.Exit(2)
	}
	jwt.TimeFunc = func() time.Time { return now }

	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	// Our own output is read by tools, not browsers: keep <, >, & readable.
	enc.SetEscapeHTML(false)

	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var r result
			if mode == "sign" {
				r = sign(line)
			} else {
				r = verify(line)
			}
			if e := enc.Encode(r); e != nil {
				fmt.Fprintln(os.Stderr, "driver: cannot write result:", e)
				os.Exit(1)
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "driver: cannot read input:", err)
			os.Exit(1)
		}
	}
}

// version names the library version and toolchain this binary was really built
// with, as recorded in the binary itself (not as go.mod asks for).
func version() string {
	lib := "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == jwtModule {
				lib = d.Version
				if d.Replace != nil {
					lib += " => " + d.Replace.Path + " " + d.Replace.Version
				}
			}
		}
	}
	return fmt.Sprintf("golang-jwt %s (%s)", lib, runtime.Version())
}

// interopNow is INTEROP_NOW (Unix seconds), 1799993000 when unset.
func interopNow() (time.Time, error) {
	s := os.Getenv("INTEROP_NOW")
	if s == "" {
		s = "1799993000"
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad INTEROP_NOW %q", s)
	}
	return time.Unix(n, 0), nil
}

func sign(line []byte) result {
	var c signCase
	if err := json.Unmarshal(line, &c); err != nil {
		return result{Name: c.Name, Refused: "driver: bad input line: " + err.Error()}
	}
	claims, err := parseClaims(c.Claims)
	if err != nil {
		return result{Name: c.Name, Refused: "driver: bad claims: " + err.Error()}
	}
	var key any = []byte(c.Secret)
	switch {
	case algFamily[c.Alg] == "":
		return result{Name: c.Name, Refused: "driver: unknown alg: " + c.Alg}
	case (algFamily[c.Alg] == "hmac") != (c.PrivateKey == nil):
		return result{Name: c.Name, Refused: "driver: wrong kind of key for " + c.Alg}
	case c.PrivateKey != nil:
		if key, err = privateKey(c.Alg, *c.PrivateKey); err != nil {
			return result{Name: c.Name, Refused: err.Error()}
		}
	}
	method := jwt.GetSigningMethod(c.Alg)
	// Exactly the quick start's call: MapClaims, the key ([]byte(secret) for HMAC,
	// the parsed private key otherwise), SignedString.
	token, err := jwt.NewWithClaims(method, jwt.MapClaims(claims)).SignedString(key)
	if err != nil {
		return result{Name: c.Name, Refused: err.Error()}
	}
	return result{Name: c.Name, Token: token}
}

func verify(line []byte) result {
	var c verifyCase
	no := false
	if err := json.Unmarshal(line, &c); err != nil {
		return result{Name: c.Name, OK: &no, Error: "driver: bad input line: " + err.Error()}
	}
	var key any = []byte(c.Secret)
	switch {
	case algFamily[c.Alg] == "":
		return result{Name: c.Name, OK: &no, Error: "driver: unknown alg: " + c.Alg}
	case (algFamily[c.Alg] == "hmac") != (c.PublicKey == nil):
		return result{Name: c.Name, OK: &no, Error: "driver: wrong kind of key for " + c.Alg}
	case c.PublicKey != nil:
		var err error
		if key, err = publicKey(c.Alg, *c.PublicKey); err != nil {
			return result{Name: c.Name, OK: &no, Error: err.Error()}
		}
		// v4: no WithTimeFunc option; jwt.TimeFunc (set in main) is the clock.
	}
	// WithValidMethods pins the algorithm: a token whose header names another
	// one is rejected before the key is used.
	_, err := jwt.Parse(c.Token, func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{c.Alg}))
	if err != nil {
		return result{Name: c.Name, OK: &no, Error: err.Error()}
	}
	yes := true
	return result{Name: c.Name, OK: &yes}
}

// parseClaims turns the JSON text of an object into the values a Go user
// would put in a jwt.MapClaims literal: int64 for integer literals, float64
// for literals with a fraction or exponent, map[string]any, []any, string,
// bool, nil. encoding/json alone would make every number a float64 and lose
// integers above 2^53, so numbers are read as json.Number and converted here.
func parseClaims(text string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the claims object")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("claims are not a JSON object")
	}
	out, err := natural(m)
	if err != nil {
		return nil, err
	}
	return out.(map[string]any), nil
}

func natural(v any) (any, error) {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			n, err := natural(e)
			if err != nil {
				return nil, err
			}
			t[k] = n
		}
		return t, nil
	case []any:
		for i, e := range t {
			n, err := natural(e)
			if err != nil {
				return nil, err
			}
			t[i] = n
		}
		return t, nil
	case json.Number:
		return number(t)
	default:
		return v, nil
	}
}

func number(n json.Number) (any, error) {
	s := n.String()
	if strings.ContainsAny(s, ".eE") {
		return n.Float64()
	}
	if i, err := n.Int64(); err == nil {
		return i, nil
	}
	// Beyond int64 a Go user has to reach for math/big; *big.Int marshals as
	// its exact decimal digits, as an integer literal should.
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, fmt.Errorf("bad integer literal %q", s)
	}
	return b, nil
}
