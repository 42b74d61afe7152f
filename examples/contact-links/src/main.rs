//! Prints the transcript of a session between a layer-3 and a layer-2 client (see
//! `TRANSCRIPT.md`).

fn main() {
    print!("{}", tlayer_example_contact_links::session::transcript());
}
