//! The root `service` module of server-side output: `peel` takes every request wrapper off a
//! decoded request, the `Service` trait has a method per function, and `serve` goes from
//! request bytes to answer bytes.
//!
//! A wrapper is found by its shape, not its name: a function with one type parameter `{X:Type}`,
//! a field `query:!X` and the result `X` (`invokeWithLayer`, `initConnection`,
//! `invokeAfterMsg`, `invokeWithoutUpdates`, `invokeWithTakeout`, ...). Peeling keeps each
//! wrapper with its request taken out (`query: ()`), outermost first, and reads the layer from
//! a `layer:int` field of an `invokeWithLayer` or from an `invokeWithLayerN` name.

use super::functions::dispatched;
use super::{path_tokens, return_type};
use crate::ident::{Names, snake};
use crate::model::{FieldKind, Item, LayerWrapper, Model, wrappers};
use crate::tokens::{Tokens, quote};

/// How wrapper `item` names a layer (the model's `layer_wrapper`): `Some(expr)` over its
/// peeled struct `w`.
fn layer_of(item: &Item<'_>) -> Option<Tokens> {
    match item.layer_wrapper? {
        LayerWrapper::Field => {
            let field = item.fields.iter().find(|f| f.tl_name == "layer")?;
            let name = &field.name;
            Some(quote!(w.#name as u32))
        }
        LayerWrapper::Fixed(n) => {
            let n = crate::tokens::Literal::u32_unsuffixed(n);
            Some(quote!(#n))
        }
    }
}

/// The `service` module, or nothing when the schema has no functions.
pub fn module(model: &Model<'_>) -> Option<Tokens> {
    let functions = dispatched(model);
    if functions.is_empty() {
        return None;
    }
    let function = &model.function_enum;
    let mut wrapper_variants = Vec::new();
    let mut peel_arms = Vec::new();
    let mut connection = None;
    let mut methods = Vec::new();
    let mut answer_arms = Vec::new();
    let mut unserved = Vec::new();
    let mut names = Names::default();
    for item in &functions {
        let variant = &item.variant;
        // Named more than once: by reference (`#x` moves a list in).
        let path = &path_tokens(&item.path);
        if let Some(query) = wrappers::request_field(item) {
            let tl = format!(" `{}`, without its request.", item.tl_name);
            wrapper_variants.push(quote!(#[doc = #tl] #variant(Box<#path<()>>),));
            let moved = item.fields.iter().filter(|f| stored(&f.kind)).map(|f| {
                let name = &f.name;
                if f.name == *query { quote!(#name: ()) } else { quote!(#name: w.#name) }
            });
            let layer = layer_of(item).map(|l| quote!(cx.layer.get_or_insert(#l);));
            peel_arms.push(quote! {
                functions::#function::#variant(w) => {
                    let w = *w;
                    #layer
                    cx.wrappers.push(Wrapper::#variant(Box::new(#path { #(#moved),* })));
                    w.#query
                }
            });
            if wrappers::is_connection(item) {
                connection = Some((variant.clone(), path.clone()));
            }
            unserved.push(variant);
            continue;
        }
        if !item.generics.is_empty() {
            unserved.push(variant);
            continue;
        }
        let method = names.unique(snake(item.variant.text()));
        let ret = item.returns.as_ref().expect("functions have a result");
        let ret_ty = return_type(model, ret);
        let doc = format!(" `{}`", item.tl_name);
        methods.push(quote! {
            #[doc = #doc]
            fn #method(&mut self, _cx: &Context, _request: #path) -> Result<#ret_ty, ::tlayer::RpcError> {
                Err(::tlayer::RpcError::not_implemented())
            }
        });
        answer_arms.push(match super::wire::answer_writer(model, ret) {
            None => quote!(functions::#function::#variant(x) => ::tlayer::answer_bytes(service.#method(&cx, *x)),),
            Some(w) => {
                quote!(functions::#function::#variant(x) => ::tlayer::answer_with(service.#method(&cx, *x), #w),)
            }
        });
    }
    let unserved = (!unserved.is_empty()).then(|| {
        quote! {
            #(functions::#function::#unserved(_))|* => ::tlayer::TlWrite::to_bytes(&::tlayer::RpcError::not_implemented()),
        }
    });
    let connection = connection.map(|(variant, path)| {
        quote! {
            impl Context {
                /// The connection parameters: `initConnection`'s fields, when the request came
                /// wrapped in it.
                #[inline]
                pub fn connection(&self) -> Option<&#path<()>> {
                    self.wrappers.iter().find_map(|w| match w {
                        Wrapper::#variant(c) => Some(&**c),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    })
                }
            }
        }
    });
    let wrappers = (!wrapper_variants.is_empty()).then(|| {
        quote! {
            /// A request wrapper of the schema, kept with its request taken out (`query: ()`).
            #[derive(Debug, Clone, PartialEq)]
            pub enum Wrapper {
                #(#wrapper_variants)*
            }
        }
    });
    let wrapper_ty = if wrapper_variants.is_empty() { quote!(::core::convert::Infallible) } else { quote!(Wrapper) };
    let peel_loop = if peel_arms.is_empty() {
        quote!(let _ = &mut cx; (cx, function))
    } else {
        quote! {
            let mut function = function;
            loop {
                function = match function {
                    #(#peel_arms)*
                    other => return (cx, other),
                };
            }
        }
    };
    Some(quote! {
        /// Serving requests: [`peel`] takes the wrappers off a request, [`Service`] has a method
        /// per function, [`serve`] answers request bytes with answer bytes.
        #[allow(unused_imports)]
        pub mod service {
            use super::{enums, functions, types};
            #wrappers
            /// What a request's wrappers said.
            #[derive(Debug, Clone, PartialEq, Default)]
            pub struct Context {
                /// The layer the outermost `invokeWithLayer` announces.
                pub layer: Option<u32>,
                /// Every wrapper, outermost first, without its request.
                pub wrappers: Vec<#wrapper_ty>,
            }
            #connection
            /// Takes every wrapper off `function`: what they said, and the request inside.
            #[inline]
            pub fn peel(function: functions::#function) -> (Context, functions::#function) {
                let mut cx = Context::default();
                #peel_loop
            }
            /// A server: one method per function, taking the request and returning its result
            /// or an `rpc_error`. Each answers `RpcError::not_implemented()` unless implemented.
            pub trait Service {
                #(#methods)*
            }
            /// Answers a decoded request: peels its wrappers and calls the method of the
            /// function inside. The bytes are the result (boxed) or an `rpc_error`.
            pub fn answer<S: Service + ?Sized>(service: &mut S, function: functions::#function) -> Vec<u8> {
                let (cx, function) = peel(function);
                match function {
                    #(#answer_arms)*
                    #unserved
                }
            }
            /// Answers the bytes of a request (boxed, wrappers and all) with the bytes of its
            /// answer; `Err` when the request does not decode.
            pub fn serve<S: Service + ?Sized>(service: &mut S, request: &[u8]) -> ::tlayer::Result<Vec<u8>> {
                let function = <functions::#function as ::tlayer::TlRead>::from_bytes(request)?;
                Ok(answer(service, function))
            }
        }
    })
}

/// True for a field the struct stores (not flags, shared bits or computed lengths).
fn stored(kind: &FieldKind) -> bool {
    matches!(kind, FieldKind::Value(_) | FieldKind::Bit { .. } | FieldKind::Optional { .. } | FieldKind::Group { .. })
}
