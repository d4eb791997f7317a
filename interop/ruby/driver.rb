# Interop driver for the real ruby-jwt (Debian's ruby-jwt, gem jwt 2.5.0) on the
# system ruby. See interop/README.md for the protocol.
#   ruby driver.rb sign   < cases.jsonl  > tokens.jsonl
#   ruby driver.rb verify < tokens.jsonl > results.jsonl
#   ruby driver.rb version
#
# HMAC lines carry `secret`; public-key lines (RS*, PS*, ES*, EdDSA) carry
# `private_key` (PKCS#8 PEM) and `private_jwk` to sign, `public_key` (SPKI PEM)
# and `public_jwk` to verify. ruby-jwt takes key objects, as its README shows:
# OpenSSL::PKey.read(pem) for RS*/PS*/ES*, and for EdDSA an RbNaCl key (gem
# rbnacl, Debian ruby-rbnacl + libsodium23), made from the JWK's raw bytes
# (seed `d`, public `x`): ruby-jwt 2.5.0 refuses an OpenSSL Ed25519 key.
require 'base64'
require 'json'
require 'jwt'
require 'openssl'
require 'stringio'
begin
  require 'rbnacl' # ruby-jwt loads it itself when present; EdDSA needs it
rescue LoadError
  nil
end

# Verification of public-key tokens runs at a fixed time, like the other drivers
# (the CLI gets the same --now): ruby-jwt 2.5.0 reads Time.now and has no clock
# option, so its exp/nbf checks are switched off and done here with its rules.
NOW = Integer(ENV.fetch('INTEROP_NOW', '1799993000'))

# Runs a block with $stderr captured, so anything the library warns about ends up
# in the case's output line instead of on the terminal.
def with_captured_stderr
  saved = $stderr
  $stderr = StringIO.new
  value = yield
  [value, $stderr.string]
ensure
  $stderr = saved
end

def b64url(text)
  Base64.urlsafe_decode64(text + '=' * (-text.length % 4))
end

def rbnacl!
  return if defined?(RbNaCl)

  raise LoadError, 'EdDSA needs the rbnacl gem (Debian ruby-rbnacl), which is not installed'
end

def private_key(c)
  if c['alg'] == 'EdDSA'
    rbnacl!
    RbNaCl::Signatures::Ed25519::SigningKey.new(b64url(c['private_jwk']['d']))
  else
    OpenSSL::PKey.read(c['private_key'])
  end
end

def public_key(c)
  if c['alg'] == 'EdDSA'
    rbnacl!
    RbNaCl::Signatures::Ed25519::VerifyKey.new(b64url(c['public_jwk']['x']))
  else
    OpenSSL::PKey.read(c['public_key'])
  end
end

def sign(c)
  # JSON.parse gives what a Ruby caller has: Hash in insertion order, Integer for
  # integer literals, Float for literals with '.', 'e' or 'E'.
  payload = JSON.parse(c['claims'])
  key = c.key?('private_key') ? private_key(c) : c['secret']
  token, warned = with_captured_stderr { JWT.encode(payload, key, c['alg']) }
  result = { 'token' => token }
  result['warning'] = warned.strip unless warned.strip.empty?
  result
end

def verify(c)
  if c.key?('public_key')
    payload, = JWT.decode(c['token'], public_key(c), true,
                          { algorithm: c['alg'], verify_expiration: false, verify_not_before: false })
    # ruby-jwt's own rules (lib/jwt/verify.rb), at NOW instead of Time.now.
    raise JWT::ExpiredSignature, 'Signature has expired' if payload.key?('exp') && payload['exp'].to_i <= NOW
    raise JWT::ImmatureSignature, 'Signature nbf has not been reached' if payload.key?('nbf') && payload['nbf'].to_i > NOW
  else
    # ruby-jwt leaves iat unchecked by default and exp is in 2100, so the real clock
    # gives the same answer as the fixed INTEROP_NOW the other drivers use.
    JWT.decode(c['token'], c['secret'], true, { algorithm: c['alg'] })
  end
  { 'ok' => true }
end

mode = ARGV[0]
if mode == 'version'
  nacl = defined?(RbNaCl) ? "rbnacl #{RbNaCl::VERSION}, libsodium #{RbNaCl::Sodium::Version::STRING}" : 'no rbnacl: no EdDSA'
  puts "ruby-jwt #{JWT::VERSION::STRING} (ruby #{RUBY_VERSION}p#{RUBY_PATCHLEVEL}, json #{JSON::VERSION}, " \
       "openssl gem #{OpenSSL::VERSION}, #{OpenSSL::OPENSSL_LIBRARY_VERSION}, #{nacl})"
  exit 0
end
abort 'usage: driver.rb sign|verify|version' unless %w[sign verify].include?(mode)

out = []
$stdin.binmode.read.split("\n").each do |line|
  next if line.strip.empty?

  c = {}
  begin
    c = JSON.parse(line)
    result = mode == 'sign' ? sign(c) : verify(c)
  rescue StandardError, LoadError => e # one bad case must not stop the batch
    msg = "#{e.class}: #{e.message}"
    result = mode == 'sign' ? { 'refused' => msg } : { 'ok' => false, 'error' => msg }
  end
  # ascii_only keeps each output line free of raw U+2028 and friends.
  out << JSON.generate({ 'name' => c['name'] }.merge(result), ascii_only: true)
end
$stdout.write(out.map { |l| "#{l}\n" }.join)
